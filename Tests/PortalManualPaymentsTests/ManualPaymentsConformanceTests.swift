import PortalKernel
import PortalManualPayments
import PortalTesting
import Testing

/// The suite run against the manual gateway (outside the test type, so `@Test(arguments:)` can name it).
enum ManualGatewaySuite {
    static let conformance = PaymentGatewayConformance(
        account: Fixtures.account,
        sensitiveValues: [Fixtures.accountNumber, Fixtures.pluginAccountNumber, Fixtures.detailsJSON, "FIRNZAJJ"],
        misconfiguredAccounts: [
            ProviderAccount(id: "number-value", settings: ["details": #"[{"label": "Account number", "value": 62845190731}]"#]),
            ProviderAccount(id: "not-json", settings: ["details": "Account number: 62845190731"]),
            ProviderAccount(id: "no-entries", settings: ["details": "[]"]),
        ]
    ) { _ in
        ManualPaymentsGateway(
            instructions: "Pay by EFT.", details: try ManualPaymentsGateway.details(fromJSON: Fixtures.pluginDetailsJSON))
    }
}

@Suite("Manual gateway conformance")
struct ManualPaymentsConformanceTests {
    @Test(arguments: ManualGatewaySuite.conformance.checks)
    func conformance(_ check: GatewayCheck) async throws {
        try await check.run()
    }

    @Test("the whole suite passes; only checks needing a currency limit, a minimum or a collected payment are skipped")
    func report() async throws {
        let results = await ManualGatewaySuite.conformance.run()
        #expect(results.filter(\.isFailure).map(\.description) == [])
        let skipped = results.filter { if case .skipped = $0.outcome { true } else { false } }.map(\.name)
        #expect(
            skipped == [
                "start refuses a currency it does not accept", "start refuses an amount below the minimum",
                "refund of more than was collected is refused",
            ])
        #expect(ManualGatewaySuite.conformance.checks.count == results.count - skipped.count)
        try await ManualGatewaySuite.conformance.verify()
    }
}

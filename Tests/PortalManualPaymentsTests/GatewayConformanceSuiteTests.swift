import PortalKernel
import PortalTesting
import Testing

/// A gateway that breaks the port's rules: an invalid name, a request before validating, its
/// API key in plain text (so in dumps and errors).
struct CarelessGateway: PaymentGateway {
    let apiKey: String
    let transport: any HTTPTransport

    var capabilities: PaymentGatewayCapabilities {
        PaymentGatewayCapabilities(name: "Careless", displayName: "Careless Pay", operations: [.hostedCheckout, .fullRefund])
    }

    func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart {
        _ = try await transport.send(HTTPRequest(method: .post, url: "https://careless.example/pay"))
        return .nextStep(.redirect(url: "https://careless.example/pay"), reference: PaymentGatewayReference(id: request.paymentID))
    }

    func refund(_ request: PaymentGatewayRefundRequest, account: ProviderAccount) async throws -> PaymentGatewayRefund {
        throw PortalError.invalid("Key \(apiKey) cannot refund \(request.idempotencyKey).", field: "key")
    }
}

/// A provider fake that answers every request with 200 and no body.
struct AlwaysOKTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { HTTPResponse(status: 200) }
}

@Suite("Gateway conformance suite")
struct GatewayConformanceSuiteTests {
    @Test("a gateway that breaks the rules fails the checks that cover them")
    func catchesCarelessGateway() async throws {
        let suite = PaymentGatewayConformance(sensitiveValues: ["ck_live_123"]) { transport in
            CarelessGateway(apiKey: "ck_live_123", transport: transport)
        }
        let results = await suite.run()
        let failed = Set(results.filter(\.isFailure).map(\.name))
        #expect(failed.contains("capabilities: plugin name and display name"))
        #expect(failed.contains("start refuses a malformed idempotency key"))
        #expect(failed.contains("start repeated with one idempotency key gives one reference"))
        #expect(failed.contains("descriptions and dumps leak no sensitive value"))
        #expect(failed.contains("errors leak no sensitive value"))
        #expect(failed.contains("refund refuses a malformed idempotency key"))
        // A partial refund is not listed, yet the gateway does not refuse it as unsupported.
        #expect(failed.contains("operations that are not listed throw invalid naming operation"))
        // Failure messages say where a value leaked, never the value.
        #expect(results.allSatisfy { !$0.description.contains("ck_live_123") })
        await #expect(throws: ConformanceFailure.self) { try await suite.verify() }
    }

    @Test("with a provider transport the start checks reach the fake instead of failing offline")
    func providerTransportIsUsed() async throws {
        let suite = PaymentGatewayConformance(providerTransport: { AlwaysOKTransport() }) { transport in
            CarelessGateway(apiKey: "ck_live_123", transport: transport)
        }
        let results = Dictionary(uniqueKeysWithValues: await suite.run().map { ($0.name, $0.outcome) })
        #expect(results["start repeated with one idempotency key gives one reference"] == .passed)
        #expect(results["start answers with a listed flow"] == .passed)
        #expect(results["errors leak no sensitive value"] == .skipped("no sensitive values: pass sensitiveValues or an account with secrets"))
    }

    @Test("a factory that throws gives one failing check")
    func throwingFactory() async throws {
        let suite = PaymentGatewayConformance { _ in throw PortalError.invalid("no", field: "x") }
        #expect(suite.checks.map(\.name) == ["build the gateway"])
        #expect(await suite.run().map(\.isFailure) == [true])
    }
}

import PortalKernel

extension PaymentGatewayConformance {
    /// Operations that are not listed throw `invalid` with field `operation`, before any I/O.
    static var operationChecks: [Entry] {
        [
            Entry(
                name: "operations that are not listed throw invalid naming operation",
                skip: { _, capabilities in
                    PaymentGatewayConformance.unlistedCalls.contains { !capabilities.supports($0.operation) } ? nil : "every optional operation is listed"
                },
                run: unlistedOperationsThrow)
        ]
    }

    /// A call of one optional operation, with arguments that would be valid if it were listed.
    struct OperationCall: Sendable {
        let operation: PaymentGatewayOperation
        let call: @Sendable (PaymentGatewayConformance, any PaymentGateway) async throws -> Void
    }

    static let unlistedCalls: [OperationCall] = [
        OperationCall(operation: .statusLookup) { suite, gateway in
            let lookup = PaymentGatewayLookup(
                paymentID: "conformance-payment", reference: suite.someReference, idempotencyKey: PaymentGatewayConformance.freshKey())
            _ = try await gateway.paymentStatus(lookup, account: suite.account)
        },
        OperationCall(operation: .fullRefund) { suite, gateway in
            _ = try await gateway.refund(suite.refundRequest(reference: suite.someReference, amount: nil), account: suite.account)
        },
        OperationCall(operation: .partialRefund) { suite, gateway in
            let amount = Money(minorUnits: 1, currency: suite.paymentCurrency(gateway.capabilities))
            _ = try await gateway.refund(suite.refundRequest(reference: suite.someReference, amount: amount), account: suite.account)
        },
        OperationCall(operation: .webhooks) { suite, gateway in
            let delivery = WebhookRequest(
                body: Array(#"{"type":"conformance.test"}"#.utf8), receivedAt: Instant(secondsSinceEpoch: 1_700_000_000))
            _ = try await gateway.parseWebhook(delivery, account: suite.account)
        },
    ]

    @Sendable static func unlistedOperationsThrow(_ suite: PaymentGatewayConformance) async throws {
        for entry in unlistedCalls {
            let (gateway, transport) = try suite.offlineGateway()
            guard !gateway.capabilities.supports(entry.operation) else { continue }
            try await suite.expectInvalid("calling '\(entry.operation.rawValue)'", field: "operation", transport: transport) {
                try await entry.call(suite, gateway)
            }
        }
    }
}

import PortalKernel

extension PaymentGatewayConformance {
    /// Refunds: bad keys and amounts refused before any I/O; more than was collected refused.
    static var refundChecks: [Entry] {
        [
            Entry(
                name: "refund refuses a malformed idempotency key",
                skip: { _, capabilities in
                    capabilities.supports(.fullRefund) || capabilities.supports(.partialRefund) ? nil : "refunds are not listed"
                },
                run: refundRefusesMalformedKey),
            Entry(
                name: "refund refuses a zero or negative amount",
                skip: { _, capabilities in capabilities.supports(.partialRefund) ? nil : "partial refunds are not listed" },
                run: refundRefusesNonPositiveAmount),
            Entry(
                name: "refund of more than was collected is refused",
                skip: { suite, capabilities in
                    if !capabilities.supports(.partialRefund) { return "partial refunds are not listed" }
                    return suite.collectedPayment == nil
                        ? "no collectedPayment given: the kernel must enforce the remaining amount for this gateway" : nil
                },
                run: refundOverCollectedIsRefused),
        ]
    }

    /// A refund request for the malformed key checks: the whole amount when full refunds are
    /// listed, one minor unit otherwise.
    func anyRefund(_ capabilities: PaymentGatewayCapabilities, key: String) -> PaymentGatewayRefundRequest {
        let amount = capabilities.supports(.fullRefund) ? nil : Money(minorUnits: 1, currency: paymentCurrency(capabilities))
        return refundRequest(reference: someReference, amount: amount, key: key)
    }

    @Sendable static func refundRefusesMalformedKey(_ suite: PaymentGatewayConformance) async throws {
        for key in malformedKeys {
            let (gateway, transport) = try suite.offlineGateway()
            let request = suite.anyRefund(gateway.capabilities, key: key)
            try await suite.expectInvalid("refund with the key '\(key)'", field: "idempotency_key", transport: transport) {
                _ = try await gateway.refund(request, account: suite.account)
            }
        }
    }

    @Sendable static func refundRefusesNonPositiveAmount(_ suite: PaymentGatewayConformance) async throws {
        for units: Int64 in [0, -100] {
            let (gateway, transport) = try suite.offlineGateway()
            let amount = Money(minorUnits: units, currency: suite.collectedPayment?.amount.currency ?? suite.paymentCurrency(gateway.capabilities))
            let request = suite.refundRequest(reference: suite.someReference, amount: amount)
            try await suite.expectInvalid("refund of \(units) minor units", field: "amount", transport: transport) {
                _ = try await gateway.refund(request, account: suite.account)
            }
        }
    }

    @Sendable static func refundOverCollectedIsRefused(_ suite: PaymentGatewayConformance) async throws {
        guard let collected = suite.collectedPayment else { return }
        let gateway = try suite.providerGateway()
        let over = Money(minorUnits: collected.amount.minorUnits + 1, currency: collected.amount.currency)
        let request = suite.refundRequest(reference: collected.reference, amount: over)
        do {
            let refund = try await gateway.refund(request, account: suite.account)
            try conformanceExpect(
                refund.state == .declined && refund.decline != nil,
                "a refund of \(over) on a payment of \(collected.amount) came back '\(refund.state.rawValue)', not declined with a reason")
        } catch let error as PortalError {
            try conformanceExpect(
                error.code == .invalid && error.field == "amount",
                "a refund over the collected amount threw '\(error.code)' naming \(error.field ?? "no field"); expected a declined refund or 'invalid' naming 'amount'")
        } catch let error as TransportError {
            throw ConformanceFailure(
                "the refund needed the network (\(error.kind.rawValue)); pass a providerTransport that knows the collected payment")
        }
    }
}

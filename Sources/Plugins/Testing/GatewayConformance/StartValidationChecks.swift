import PortalKernel

extension PaymentGatewayConformance {
    /// `startPayment` refusing bad input with `invalid`, the right field and no request sent.
    static var startValidationChecks: [Entry] {
        [
            Entry(name: "start refuses a malformed idempotency key", run: { try await $0.expectStartRefused(\.malformedKey) }),
            Entry(name: "start refuses an empty payment id", run: { try await $0.expectStartRefused(\.emptyPaymentID) }),
            Entry(name: "start refuses a zero or negative amount", run: { try await $0.expectStartRefused(\.nonPositiveAmount) }),
            Entry(name: "start refuses line items that do not add up", run: { try await $0.expectStartRefused(\.badLineItems) }),
            Entry(
                name: "start refuses a currency it does not accept",
                skip: { _, capabilities in capabilities.currencies.isEmpty ? "the gateway accepts every currency" : nil },
                run: { try await $0.expectStartRefused(\.unacceptedCurrency) }),
            Entry(
                name: "start refuses an amount below the minimum",
                skip: { suite, capabilities in
                    suite.minimumBelow(capabilities) == nil ? "no minimum above one minor unit in the test currency" : nil
                },
                run: { try await $0.expectStartRefused(\.belowMinimum) }),
            Entry(name: "start refuses a flow it does not list", run: { try await $0.expectStartRefused(\.unlistedFlow) }),
        ]
    }

    /// One way to spoil a valid request, and the field the refusal must name.
    struct RequestDefect: Sendable {
        let what: String
        let field: String
        let spoil: @Sendable (inout PaymentGatewayRequest) -> Void
    }

    /// Every defect, for the secrecy check.
    func allRequestDefects(_ capabilities: PaymentGatewayCapabilities) -> [RequestDefect] {
        let all = defects(capabilities)
        return all.malformedKey + all.emptyPaymentID + all.nonPositiveAmount + all.badLineItems
            + all.unacceptedCurrency + all.belowMinimum + all.unlistedFlow
    }

    /// The defects by kind, for the gateway's capabilities.
    struct RequestDefects {
        var malformedKey: [RequestDefect] = []
        var emptyPaymentID: [RequestDefect] = []
        var nonPositiveAmount: [RequestDefect] = []
        var badLineItems: [RequestDefect] = []
        var unacceptedCurrency: [RequestDefect] = []
        var belowMinimum: [RequestDefect] = []
        var unlistedFlow: [RequestDefect] = []
    }

    /// The amount one minor unit below the test currency's minimum, when that is still positive.
    func minimumBelow(_ capabilities: PaymentGatewayCapabilities) -> Money? {
        let currency = paymentCurrency(capabilities)
        guard let minimum = capabilities.minimumAmounts.first(where: { $0.currency == currency }), minimum.minorUnits > 1 else {
            return nil
        }
        return Money(minorUnits: minimum.minorUnits - 1, currency: currency)
    }

    func defects(_ capabilities: PaymentGatewayCapabilities) -> RequestDefects {
        let amount = paymentAmount(capabilities)
        let currency = amount.currency
        let otherCurrency: Currency = currency == .eur ? .usd : .eur
        var defects = RequestDefects()  // filled kind by kind below
        defects.malformedKey = Self.malformedKeys.map { key in
            RequestDefect(what: "start with the key '\(key)'", field: "idempotency_key") { $0.idempotencyKey = key }
        }
        defects.emptyPaymentID = [RequestDefect(what: "start without a payment id", field: "payment_id") { $0.paymentID = "" }]
        defects.nonPositiveAmount = [0, -amount.minorUnits].map { units in
            RequestDefect(what: "start for \(units) minor units", field: "amount") {
                $0.amount = Money(minorUnits: units, currency: currency)
                $0.lineItems = []
            }
        }
        defects.badLineItems = [
            RequestDefect(what: "start with line items one minor unit short", field: "line_items") {
                $0.lineItems = [
                    PaymentGatewayLineItem(description: "Item", unitAmount: Money(minorUnits: amount.minorUnits - 1, currency: currency))
                ]
            },
            RequestDefect(what: "start with a line item in another currency", field: "line_items[0]") {
                $0.lineItems = [PaymentGatewayLineItem(description: "Item", unitAmount: Money(minorUnits: amount.minorUnits, currency: otherCurrency))]
            },
        ]
        if let refused = Currency.all.first(where: { !capabilities.accepts($0) }) {
            defects.unacceptedCurrency = [
                RequestDefect(what: "start in \(refused.code), which is not accepted", field: "amount") {
                    $0.amount = Money(minorUnits: amount.minorUnits, currency: refused)
                    $0.lineItems = []
                }
            ]
        }
        if let below = minimumBelow(capabilities) {
            defects.belowMinimum = [
                RequestDefect(what: "start for \(below), below the minimum", field: "amount") {
                    $0.amount = below
                    $0.lineItems = []
                }
            ]
        }
        let unlisted = PaymentGatewayOperation.flows.subtracting(capabilities.flows).sorted()
            + [.fullRefund, .statusLookup, PaymentGatewayOperation(rawValue: "conformance_unknown_flow")]
        defects.unlistedFlow = unlisted.map { flow in
            RequestDefect(what: "start with the flow '\(flow.rawValue)'", field: "operation") { $0.flow = flow }
        }
        return defects
    }

    /// Starts each spoilt request on an offline gateway and expects `invalid` naming the field.
    func expectStartRefused(_ kind: KeyPath<RequestDefects, [RequestDefect]>) async throws {
        let capabilities = try offlineGateway().0.capabilities
        for defect in defects(capabilities)[keyPath: kind] {
            let (gateway, transport) = try offlineGateway()
            var request = validRequest(capabilities)
            defect.spoil(&request)
            let spoilt = request
            try await expectInvalid(defect.what, field: defect.field, transport: transport) {
                _ = try await gateway.startPayment(spoilt, account: account)
            }
        }
    }
}

import PortalKernel
import Testing

/// A tiny in-memory gateway in the style of Stripe: a hosted checkout, a decline for a
/// scripted payment method, status look-ups, refunds and signed webhooks.
private struct FakeCardGateway: PaymentGateway {
    let capabilities = PaymentGatewayCapabilities(
        name: "fakecard", displayName: "Fake Card", countries: ["ZA", "US"], currencies: [.usd, .zar],
        operations: [.hostedCheckout, .savedPaymentMethod, .statusLookup, .fullRefund, .partialRefund, .webhooks],
        minimumAmounts: [Money(minorUnits: 50, currency: .usd)])

    func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart {
        try request.validate()
        try capabilities.validate(amount: request.amount)
        let reference = PaymentGatewayReference(id: "pi_\(request.idempotencyKey)")
        switch request.savedPaymentMethod {
        case "pm_card_chargeDeclined":
            let decline = PaymentGatewayDecline(
                .cardDeclined, message: "Your card was declined.", providerCode: "card_declined/generic_decline")
            return .declined(decline, reference: reference)
        case .some:
            return .processed(PaymentGatewayStatus(reference: reference, state: .succeeded, amount: request.amount))
        case nil:
            return .nextStep(.redirect(url: "https://checkout.fake.test/\(reference.id)"), reference: reference)
        }
    }

    func paymentStatus(_ lookup: PaymentGatewayLookup, account: ProviderAccount) async throws -> PaymentGatewayStatus {
        guard let reference = lookup.reference else { throw PortalError.notFound("Unknown payment.") }
        return PaymentGatewayStatus(reference: reference, state: .processing)
    }

    func refund(_ request: PaymentGatewayRefundRequest, account: ProviderAccount) async throws -> PaymentGatewayRefund {
        if let amount = request.amount, amount.minorUnits > 2000 {
            return .declined(PaymentGatewayDecline(.notAllowed, message: "More than remains.", providerCode: "amount_too_large"))
        }
        return PaymentGatewayRefund(state: .pending, providerReference: "re_\(request.idempotencyKey)", amount: request.amount)
    }

    func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [PaymentGatewayEvent] {
        try WebhookSignature.verifyStripe(
            header: request.header("Stripe-Signature"), body: request.body, secret: try account.secret("webhook_secret"),
            now: request.receivedAt)
        guard request.bodyText.contains("payment_intent.succeeded") else { return [] }
        return [
            PaymentGatewayEvent(
                kind: .succeeded, providerEventType: "payment_intent.succeeded", providerEventID: "evt_test_1",
                reference: PaymentGatewayReference(id: "pi_test_1"), amount: Money(minorUnits: 2000, currency: .usd))
        ]
    }
}

/// A manual bank transfer: only offline instructions; everything else uses the defaults.
private struct FakeBankTransfer: PaymentGateway {
    let capabilities = PaymentGatewayCapabilities(
        name: "manual", displayName: "Bank transfer", currencies: [.zar], operations: [.offlineInstructions])

    func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart {
        let reference = PaymentGatewayReference(id: request.invoiceNumber ?? request.idempotencyKey)
        let instructions = PaymentGatewayInstructions(
            reference: reference.id, summary: "Pay by EFT and quote the reference.",
            details: [PaymentGatewayLabeledValue("Account number", try account.setting("account_number"))])
        return .nextStep(.instructions(instructions), reference: reference)
    }
}

/// A NetCash-like gateway: a form post, unsigned postbacks and debit-order batches.
private struct FakeDebitGateway: PaymentGatewayDebitOrders {
    let capabilities = PaymentGatewayCapabilities(
        name: "fakedebit", displayName: "Fake Debit", countries: ["ZA"], currencies: [.zar],
        operations: [.formPost, .webhooks, .debitOrderBatches])

    func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart {
        let form = PaymentGatewayFormPost(
            url: "https://paynow.fake.test/site/paynow.aspx",
            fields: [
                .init("p2", request.idempotencyKey), .init("p3", String(request.description.prefix(50))),
                .init("p4", request.amount.decimalString), .init("m4", request.paymentID),
                .init("m5", request.callbackToken ?? ""),
            ])
        return .nextStep(.formPost(form), reference: PaymentGatewayReference(id: request.idempotencyKey))
    }

    func webhookVerification(for request: WebhookRequest) -> WebhookVerification { .unsigned }

    func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [PaymentGatewayEvent] {
        var fields: [String: String] = [:]
        for pair in request.bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let reference = fields["Reference"], let amount = fields["Amount"] else {
            throw PortalError.invalid("Not a postback.", field: "body")
        }
        return [
            PaymentGatewayEvent(
                kind: fields["TransactionAccepted"] == "true" ? .succeeded : .failed, providerEventType: "notify",
                providerEventID: fields["RequestTrace"], paymentID: fields["Extra1"],
                reference: PaymentGatewayReference(id: reference, related: ["request_trace": fields["RequestTrace"] ?? ""]),
                amount: try Money(decimal: amount, currency: .zar), callbackToken: fields["Extra2"])
        ]
    }

    func submitDebitBatch(_ batch: PaymentGatewayDebitBatch, account: ProviderAccount) async throws
        -> PaymentGatewayDebitSubmission
    {
        try batch.validate()
        return PaymentGatewayDebitSubmission(batchID: batch.batchID, batchReference: "token-\(batch.idempotencyKey)")
    }

    func debitBatchOutcome(_ submission: PaymentGatewayDebitSubmission, account: ProviderAccount) async throws
        -> PaymentGatewayDebitOutcome
    {
        PaymentGatewayDebitOutcome(
            batchReference: submission.batchReference, state: .loaded,
            items: [
                PaymentGatewayDebitItemOutcome(
                    accountReference: "ACME-0001", state: .unpaid,
                    decline: PaymentGatewayDecline(.insufficientFunds, message: "Not provided for.", providerCode: "02"))
            ])
    }
}

@Suite("Payment gateway port")
struct PortsPaymentGatewayTests {
    let account = ProviderAccount(
        id: "conn-1", mode: .sandbox, secrets: ["webhook_secret": Secret("whsec_test_secret")],
        settings: ["account_number": "1234567890"])

    func request(savedMethod: String? = nil, amount: Int64 = 2000) -> PaymentGatewayRequest {
        PaymentGatewayRequest(
            paymentID: "0192f0c4-0000-7000-8000-000000000042", idempotencyKey: "pay-42-a1",
            amount: Money(minorUnits: amount, currency: .usd), description: "Invoice INV-0042",
            invoiceNumber: "INV-0042", savedPaymentMethod: savedMethod, callbackToken: "nonce-1")
    }

    @Test("a hosted checkout returns a redirect and the provider reference")
    func redirect() async throws {
        let start = try await FakeCardGateway().startPayment(request(), account: account)
        guard case .nextStep(.redirect(let url), let reference) = start else { Issue.record("got \(start)"); return }
        #expect(url == "https://checkout.fake.test/pi_pay-42-a1")
        #expect(reference.id == "pi_pay-42-a1")
        #expect(start.reference == reference)
    }

    @Test("a decline is a returned value with a standard code, not an error")
    func decline() async throws {
        let start = try await FakeCardGateway().startPayment(request(savedMethod: "pm_card_chargeDeclined"), account: account)
        guard case .declined(let decline, let reference) = start else { Issue.record("got \(start)"); return }
        #expect(decline.code == .cardDeclined)
        #expect(decline.providerCode == "card_declined/generic_decline")
        #expect(!decline.isRetryable)
        #expect(reference?.id == "pi_pay-42-a1")
    }

    @Test("a saved method can be processed at once")
    func processed() async throws {
        let start = try await FakeCardGateway().startPayment(request(savedMethod: "pm_card_visa"), account: account)
        guard case .processed(let status) = start else { Issue.record("got \(start)"); return }
        #expect(status.state == .succeeded && status.state.isTerminal)
        #expect(status.amount == Money(minorUnits: 2000, currency: .usd))
    }

    @Test("capabilities are data: currencies, countries, minimums and flows")
    func capabilities() async throws {
        let gateway = FakeCardGateway()
        #expect(gateway.capabilities.accepts(.zar) && !gateway.capabilities.accepts(.eur))
        #expect(gateway.capabilities.serves(country: "za") && !gateway.capabilities.serves(country: "DE"))
        #expect(gateway.capabilities.flows == [.hostedCheckout, .savedPaymentMethod])
        let tooSmall = request(amount: 10)
        let error = await #expect(throws: PortalError.self) { try await gateway.startPayment(tooSmall, account: account) }
        #expect(error?.field == "amount")
        let euros = PaymentGatewayRequest(
            paymentID: "p", idempotencyKey: "k", amount: Money(minorUnits: 100, currency: .eur), description: "x")
        await #expect(throws: PortalError.self) { try await gateway.startPayment(euros, account: account) }
    }

    @Test("request validation names the field", arguments: [
        ("", "key", 100, "payment_id"), ("p", "", 100, "idempotency_key"), ("p", "has space", 100, "idempotency_key"),
        ("p", String(repeating: "k", count: 65), 100, "idempotency_key"), ("p", "k", 0, "amount"),
    ])
    func requestValidation(paymentID: String, key: String, amount: Int64, field: String) {
        let request = PaymentGatewayRequest(
            paymentID: paymentID, idempotencyKey: key, amount: Money(minorUnits: amount, currency: .usd), description: "x")
        let error = #expect(throws: PortalError.self) { try request.validate() }
        #expect(error?.field == field)
    }

    @Test("line items must add up to the amount")
    func lineItems() throws {
        var request = request()
        request.lineItems = [
            PaymentGatewayLineItem(description: "Retainer", quantity: 2, unitAmount: Money(minorUnits: 750, currency: .usd)),
            PaymentGatewayLineItem(description: "Hosting", unitAmount: Money(minorUnits: 500, currency: .usd)),
        ]
        try request.validate()
        request.lineItems.removeLast()
        #expect(throws: PortalError.self) { try request.validate() }
    }

    @Test("refunds: partial accepted as pending, too large declined as a value")
    func refunds() async throws {
        let gateway = FakeCardGateway()
        let reference = PaymentGatewayReference(id: "pi_1")
        let partial = try await gateway.refund(
            PaymentGatewayRefundRequest(
                refundID: "r1", paymentID: "p1", idempotencyKey: "refund-1", reference: reference,
                amount: Money(minorUnits: 500, currency: .usd)),
            account: account)
        #expect(partial.state == .pending && partial.providerReference == "re_refund-1")
        let tooLarge = try await gateway.refund(
            PaymentGatewayRefundRequest(
                refundID: "r2", paymentID: "p1", idempotencyKey: "refund-2", reference: reference,
                amount: Money(minorUnits: 5000, currency: .usd)),
            account: account)
        #expect(tooLarge.state == .declined && tooLarge.decline?.code == .notAllowed)
    }

    @Test("a signed webhook is verified over its raw body and parsed; a forged one is refused")
    func webhook() async throws {
        let body = Array(#"{"id":"evt_test_1","type":"payment_intent.succeeded"}"#.utf8)
        let now = Instant(secondsSinceEpoch: 1_800_000_000)
        let header = WebhookSignature.stripeHeader(body: body, secrets: [Secret("whsec_test_secret")], timestamp: now)
        let gateway = FakeCardGateway()
        let delivery = WebhookRequest(body: body, headers: ["Stripe-Signature": header], receivedAt: now)
        #expect(gateway.webhookVerification(for: delivery) == .offline)
        let events = try await gateway.parseWebhook(delivery, account: account)
        #expect(events.map(\.kind) == [.succeeded])
        #expect(events.first?.amount == Money(minorUnits: 2000, currency: .usd))

        let forged = WebhookRequest(body: body + [0x20], headers: ["Stripe-Signature": header], receivedAt: now)
        let error = await #expect(throws: PortalError.self) { try await gateway.parseWebhook(forged, account: account) }
        #expect(error?.code == .unauthenticated)
    }

    @Test("defaults: a gateway without look-ups, refunds or webhooks says so with `invalid`")
    func defaults() async throws {
        let gateway = FakeBankTransfer()
        let start = try await gateway.startPayment(request(), account: account)
        guard case .nextStep(.instructions(let instructions), _) = start else { Issue.record("got \(start)"); return }
        #expect(instructions.reference == "INV-0042")
        #expect(instructions.details == [PaymentGatewayLabeledValue("Account number", "1234567890")])
        let lookup = PaymentGatewayLookup(paymentID: "p", reference: nil, idempotencyKey: "k")
        let error = await #expect(throws: PortalError.self) { try await gateway.paymentStatus(lookup, account: account) }
        #expect(error?.code == .invalid && error?.field == "operation")
        let refund = PaymentGatewayRefundRequest(refundID: "r", paymentID: "p", idempotencyKey: "k", reference: .init(id: "x"))
        await #expect(throws: PortalError.self) { try await gateway.refund(refund, account: account) }
        let delivery = WebhookRequest(body: [], receivedAt: Instant(secondsSinceEpoch: 0))
        await #expect(throws: PortalError.self) { try await gateway.parseWebhook(delivery, account: account) }
        #expect(throws: PortalError.self) { try gateway.capabilities.require(.statusLookup) }
    }

    @Test("a form-post gateway returns ordered fields and parses unsigned postbacks as claims")
    func formPostAndPostback() async throws {
        let gateway = FakeDebitGateway()
        let start = try await gateway.startPayment(
            PaymentGatewayRequest(
                paymentID: "p42", idempotencyKey: "42-1700000000", amount: Money(minorUnits: 15000, currency: .zar),
                description: "Order 42", callbackToken: "nonce-9"),
            account: account)
        guard case .nextStep(.formPost(let form), _) = start else { Issue.record("got \(start)"); return }
        #expect(form.fields.map(\.name) == ["p2", "p3", "p4", "m4", "m5"])
        #expect(form["p4"] == "150.00")

        let postback = WebhookRequest(
            body: Array(
                "TransactionAccepted=true&Reason=Success&Reference=42-1700000000&Amount=150.00&RequestTrace=T1&Extra1=p42&Extra2=nonce-9"
                    .utf8),
            receivedAt: Instant(secondsSinceEpoch: 1_700_000_000))
        #expect(gateway.webhookVerification(for: postback) == .unsigned)
        let events = try await gateway.parseWebhook(postback, account: account)
        #expect(events.count == 1)
        #expect(events[0].kind == .succeeded && events[0].callbackToken == "nonce-9" && events[0].paymentID == "p42")
        #expect(events[0].amount == Money(minorUnits: 15000, currency: .zar))
        #expect(events[0].reference?["request_trace"] == "T1")
    }

    @Test("debit-order batches: validated, submitted, outcome with ACB unpaid codes")
    func debitOrders() async throws {
        let gateway: any PaymentGatewayDebitOrders = FakeDebitGateway()
        let bank = PaymentGatewayBankAccount(holderName: "Acme Clinic", accountNumber: "1234567890", branchCode: "250655")
        #expect(bank.maskedAccountNumber == "******7890")
        #expect(!bank.description.contains("1234567890"))
        let batch = PaymentGatewayDebitBatch(
            batchID: "b1", idempotencyKey: "batch-2026-06", name: "BATCH1", instruction: .datedCollection,
            actionDate: LocalDate(year: 2026, month: 6, day: 25),
            items: [
                PaymentGatewayDebitItem(
                    accountReference: "ACME-0001", accountName: "Acme Clinic", bankAccount: bank,
                    amount: Money(minorUnits: 51750, currency: .zar))
            ])
        #expect(try batch.total(in: .zar) == Money(minorUnits: 51750, currency: .zar))
        let submission = try await gateway.submitDebitBatch(batch, account: account)
        #expect(submission.batchReference == "token-batch-2026-06")
        let outcome = try await gateway.debitBatchOutcome(submission, account: account)
        #expect(outcome.items.first?.decline?.code == .insufficientFunds)

        var undated = batch
        undated.actionDate = nil
        #expect(throws: PortalError.self) { try undated.validate() }
        var duplicate = batch
        duplicate.items.append(batch.items[0])
        let error = #expect(throws: PortalError.self) { try duplicate.validate() }
        #expect(error?.field == "items[1].account_reference")
    }
}

import PortalKernel
import Testing

/// Port value types that the kernel stores (outbox, inbox, payment records) survive the kernel's
/// JSON conventions (snake_case keys), properties ending in `ID` and `URL` included.
@Suite("Port value types encode and decode")
struct PortsCodableTests {
    @discardableResult
    func roundTrip<Value: Codable & Equatable>(_ value: Value) throws -> String {
        let json = try JSONCoding.encodeToString(value)
        #expect(try JSONCoding.decode(Value.self, from: json) == value, "round trip of \(json)")
        return json
    }

    let usd = Money(minorUnits: 2000, currency: .usd)
    let now = Instant(secondsSinceEpoch: 1_780_000_000)

    @Test("payment requests, starts, statuses, refunds and events")
    func payments() throws {
        let request = PaymentGatewayRequest(
            paymentID: "p1", idempotencyKey: "k1", amount: usd, description: "Invoice",
            payer: PaymentGatewayPayer(name: "Zoë", email: "zoe@example.test", providerCustomerID: "cus_1"),
            lineItems: [
                PaymentGatewayLineItem(description: "Retainer", quantity: 2, unitAmount: Money(minorUnits: 1000, currency: .usd))
            ],
            flow: .hostedCheckout, returnURL: "https://portal.test/return", cancelURL: "https://portal.test/cancel",
            callbackToken: "n1", metadata: ["orderRef": "A-17"])
        let json = try roundTrip(request)
        #expect(json.contains(#""payment_id":"p1""#) && json.contains(#""return_url":"https://portal.test/return""#))
        #expect(json.contains(#""provider_customer_id":"cus_1""#) && json.contains(#""orderRef":"A-17""#))

        let reference = PaymentGatewayReference(id: "pi_1", related: ["charge": "ch_1"])
        let decline = PaymentGatewayDecline(.insufficientFunds, message: "Not enough money.", providerCode: "02")
        try roundTrip(PaymentGatewayStart.nextStep(.redirect(url: "https://checkout.test/x"), reference: reference))
        let form = PaymentGatewayFormPost(url: "https://paynow.test", fields: [.init("p2", "42"), .init("p4", "150.00")])
        try roundTrip(PaymentGatewayStart.nextStep(.formPost(form), reference: reference))
        let confirmation = PaymentGatewayClientConfirmation(
            clientSecret: "pi_1_secret_2", publishableKey: "pk_test", returnURL: "https://r.test")
        #expect(try roundTrip(PaymentGatewayStart.nextStep(.clientConfirmation(confirmation), reference: reference))
            .contains(#""return_url":"https://r.test""#))
        let instructions = PaymentGatewayInstructions(
            reference: "INV-1", summary: "Pay by EFT", details: [PaymentGatewayLabeledValue("Bank", "FNB")],
            dueDate: LocalDate(year: 2026, month: 7, day: 31))
        try roundTrip(PaymentGatewayStart.nextStep(.instructions(instructions), reference: reference))
        try roundTrip(
            PaymentGatewayStart.processed(
                PaymentGatewayStatus(
                    reference: reference, state: .partiallyRefunded, amount: usd,
                    amountRefunded: Money(minorUnits: 500, currency: .usd), updatedAt: now)))
        try roundTrip(PaymentGatewayStart.declined(decline, reference: nil))
        try roundTrip(PaymentGatewayLookup(paymentID: "p1", reference: reference, idempotencyKey: "k1", expectedAmount: usd))
        try roundTrip(
            PaymentGatewayRefundRequest(refundID: "r1", paymentID: "p1", idempotencyKey: "rk", reference: reference, amount: usd))
        try roundTrip(PaymentGatewayRefund.declined(decline, providerReference: "re_1"))
        let event = PaymentGatewayEvent(
            kind: .refunded, providerEventType: "charge.refunded", providerEventID: "evt_1", paymentID: "p1",
            reference: reference, amount: usd, refundID: "r1", refundReference: "re_1", callbackToken: "n1", occurredAt: now)
        #expect(try roundTrip(event).contains(#""provider_event_id":"evt_1""#))
        try roundTrip(
            PaymentGatewayCapabilities(
                name: "stripe", displayName: "Stripe", countries: ["US"], currencies: [.usd],
                operations: [.hostedCheckout, .partialRefund]))
    }

    @Test("debit batches, outcomes and accounting entries")
    func debitsAndAccounting() throws {
        let mandate = PaymentGatewayMandate(
            frequency: .monthly, debitDay: nil, firstDebit: LocalDate(year: 2026, month: 7, day: 1)!,
            agreedOn: LocalDate(year: 2026, month: 6, day: 1)!, agreementReference: "AGR-1")
        let item = PaymentGatewayDebitItem(
            paymentID: "p1", accountReference: "ACME-0001", accountName: "Acme",
            bankAccount: PaymentGatewayBankAccount(
                holderName: "Acme", accountNumber: "1234567890", branchCode: "250655", accountType: .savings),
            amount: Money(minorUnits: 51750, currency: .zar), mandate: mandate)
        try roundTrip(
            PaymentGatewayDebitBatch(batchID: "b1", idempotencyKey: "bk", name: "BATCH1", instruction: .mandates, items: [item]))
        try roundTrip(PaymentGatewayDebitSubmission(batchID: "b1", batchReference: "token", submittedAt: now))
        try roundTrip(
            PaymentGatewayDebitOutcome(
                batchReference: "token", state: .loadedWithErrors,
                items: [PaymentGatewayDebitItemOutcome(accountReference: "ACME-0001", paymentID: "p1", state: .rejected)],
                messages: ["Line: 3 Invalid branch code"]))
        try roundTrip(
            PaymentGatewayAccountingEntry(
                paymentID: "p1", idempotencyKey: "ak", invoiceNumber: "INV-1", providerInvoiceID: "SW52b2ljZTox",
                amount: usd, paidOn: LocalDate(year: 2026, month: 6, day: 2)!, method: "card"))
    }

    @Test("mail messages (with attachment bytes), results and events")
    func mail() throws {
        let message = MailerMessage(
            messageKey: "m1", from: MailerAddress("a@b.test"), to: [MailerAddress("c@d.test", name: "Łucja")],
            replyTo: MailerAddress("r@b.test"), subject: "Hi", text: "Hi",
            attachments: [
                MailerAttachment(filename: "a.pdf", contentType: "application/pdf", content: [0, 1, 2, 255], contentID: "cid1")
            ],
            headers: [MailerHeader("X-Entity", "1")], tags: ["invoice"])
        let json = try roundTrip(message)
        #expect(json.contains(#""content":"AAEC/w==""#) && json.contains(#""content_id":"cid1""#))
        try roundTrip(MailerResult.accepted(MailerReceipt(providerMessageID: "x1", suppressedRecipients: ["s@d.test"])))
        try roundTrip(MailerResult.failed(.retryable("busy", retryAfter: .seconds(30))))
        try roundTrip(MailerResult.failed(.permanent("invalid", fieldErrors: ["to.0.email": ["bad"]], providerCode: "422")))
        try roundTrip(
            MailerEvent(
                kind: .clicked, providerEventType: "activity.clicked", providerEventID: "e1", providerMessageID: "x1",
                messageKey: "m1", recipient: "c@d.test", url: "https://x.test", occurredAt: now))
    }

    @Test("code host values and webhook events")
    func codeHost() throws {
        let ref = try CodeHostRepositoryRef("group/sub/project")
        #expect(try roundTrip(ref) == #""group/sub/project""#)
        try roundTrip(
            CodeHostRepository(
                providerID: "9", ref: ref, isPrivate: false, defaultBranch: "main",
                url: "https://gitlab.test/group/sub/project", pushedAt: now))
        let commit = CodeHostCommit(
            sha: "abc", message: "Fix\n\nbody", author: CodeHostPerson(name: "Dev", email: "dev@x.test"), committedAt: now,
            stats: CodeHostChangeStats(additions: 3, deletions: 1))
        #expect(commit.title == "Fix")
        try roundTrip(CodeHostPage(items: [commit], next: CodeHostCursor(rawValue: "https://api.test/next"), totalCount: 9))
        let pull = CodeHostPullRequest(
            number: 7, title: "Feature", state: .merged, sourceBranch: "feat", targetBranch: "main", url: "https://x.test/7",
            createdAt: now, mergedAt: now)
        let issue = CodeHostIssue(number: 8, title: "Bug", state: .open, labels: ["bug"], url: "https://x.test/8", createdAt: now)
        let payloads: [CodeHostEvent.Payload] = [
            .push(CodeHostPush(ref: "refs/tags/v1", before: "0", after: "1", commits: [commit], totalCommitCount: 1)),
            .pullRequest(.merged, pull), .issue(.opened, issue), .ping,
        ]
        for payload in payloads {
            try roundTrip(CodeHostEvent(deliveryID: "d1", providerEventType: "x", repository: ref, payload: payload))
        }
        try roundTrip(
            CodeHostContributorStatistics(author: CodeHostPerson(login: "dev"), commits: 1, additions: 2, deletions: 3))
        try roundTrip(CodeHostRateLimit(limit: 60, remaining: 0, resetAt: now))
    }

    @Test("documents, with image bytes, and stored webhook deliveries")
    func documentsAndWebhooks() throws {
        try roundTrip(PortsDocumentRendererTests.invoice)
        var headers = HTTPHeaders()
        headers.add("Stripe-Signature", "t=1,v1=ab")
        headers.add("X-Repeated", "1")
        headers.add("X-Repeated", "2")
        let delivery = WebhookRequest(
            body: Array("{\"a\":1}\n".utf8) + [0xFF], headers: headers, query: "token=x", remoteAddress: "196.0.0.1",
            receivedAt: now)
        let json = try roundTrip(delivery)
        #expect(json.contains(#""remote_address":"196.0.0.1""#))
        #expect(try JSONCoding.decode(WebhookRequest.self, from: json).headers.values("x-repeated") == ["1", "2"])
    }
}

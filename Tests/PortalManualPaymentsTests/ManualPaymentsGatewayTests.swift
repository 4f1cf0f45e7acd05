import PortalKernel
import PortalManualPayments
import Testing

@Suite("Manual gateway instructions")
struct ManualPaymentsInstructionsTests {
    @Test("the invoice number is the reference; amount and reference come first, then the bank details in order")
    func invoiceReference() async throws {
        let start = try await Fixtures.gateway.startPayment(Fixtures.request(invoiceNumber: "INV-0042"), account: Fixtures.account)
        #expect(start.reference == PaymentGatewayReference(id: "INV-0042"))
        let instructions = try Fixtures.instructions(start)
        #expect(instructions.reference == "INV-0042")
        #expect(instructions.summary == "Pay Acme by EFT.")
        #expect(instructions.dueDate == nil)
        #expect(
            instructions.details == [
                PaymentGatewayLabeledValue("Amount", "ZAR 1,250.00"),
                PaymentGatewayLabeledValue("Reference", "INV-0042"),
                PaymentGatewayLabeledValue("Bank", "First National Bank"),
                PaymentGatewayLabeledValue("Account holder", "Acme (Pty) Ltd"),
                PaymentGatewayLabeledValue("Account number", Fixtures.accountNumber),
                PaymentGatewayLabeledValue("Branch code", "250655"),
                PaymentGatewayLabeledValue("SWIFT", "FIRNZAJJ"),
            ])
    }

    @Test("without an invoice the reference is derived from the idempotency key, the same on every retry")
    func derivedReference() async throws {
        let gateway = Fixtures.gateway
        let first = try await gateway.startPayment(Fixtures.request(key: "pay-0001"), account: Fixtures.account)
        let retried = try await gateway.startPayment(Fixtures.request(key: "pay-0001"), account: Fixtures.account)
        let other = try await gateway.startPayment(Fixtures.request(key: "pay-0002"), account: Fixtures.account)
        let reference = try #require(first.reference?.id)
        #expect(first == retried)
        #expect(other.reference?.id != reference)
        #expect(reference == ManualPaymentsGateway.reference(forIdempotencyKey: "pay-0001"))
        #expect(reference.wholeMatch(of: /PAY[0-9A-HJKMNP-TV-Z]{8}/) != nil)
        #expect(try Fixtures.instructions(first).details[1] == PaymentGatewayLabeledValue("Reference", reference))
        let blankInvoice = try await gateway.startPayment(Fixtures.request(key: "pay-0001", invoiceNumber: "  "), account: Fixtures.account)
        #expect(blankInvoice.reference?.id == reference)
    }

    @Test(
        "the amount is shown with the currency's decimals",
        arguments: [
            (Money(minorUnits: 125_000, currency: .zar), "ZAR 1,250.00"),
            (Money(minorUnits: 125_000, currency: .jpy), "JPY 125,000"),
            (Money(minorUnits: 1_234_567, currency: .kwd), "KWD 1,234.567"),
            (Money(minorUnits: 5, currency: .usd), "USD 0.05"),
        ])
    func amountFormatting(amount: Money, shown: String) async throws {
        let start = try await Fixtures.gateway.startPayment(Fixtures.request(amount: amount), account: Fixtures.account)
        #expect(try Fixtures.instructions(start).details.first == PaymentGatewayLabeledValue("Amount", shown))
    }

    @Test("the summary comes from the account, else the plugin, else the default")
    func summaryFallbacks() async throws {
        let details = ["details": Fixtures.detailsJSON]
        let plugin = ManualPaymentsGateway(instructions: "  Pay by EFT within 7 days. ")
        let fromPlugin = try await plugin.startPayment(Fixtures.request(), account: ProviderAccount(id: "a", settings: details))
        #expect(try Fixtures.instructions(fromPlugin).summary == "Pay by EFT within 7 days.")
        let blank = ProviderAccount(id: "a", settings: details.merging(["instructions": " "]) { $1 })
        let fromDefault = try await Fixtures.gateway.startPayment(Fixtures.request(), account: blank)
        #expect(try Fixtures.instructions(fromDefault).summary == ManualPaymentsGateway.defaultInstructions)
        let fromAccount = try await plugin.startPayment(Fixtures.request(), account: Fixtures.account)
        #expect(try Fixtures.instructions(fromAccount).summary == "Pay Acme by EFT.")
    }

    @Test("the account's bank details replace the plugin's; without them the plugin's are used")
    func detailsFallbacks() async throws {
        let plugin = try ManualPaymentsGateway(
            settings: PluginSettings(namespace: "plugins.manual", values: ["details": Fixtures.pluginDetailsJSON]))
        let fromPlugin = try await plugin.startPayment(Fixtures.request(), account: .default)
        #expect(try Fixtures.instructions(fromPlugin).details.dropFirst(2).map(\.label) == ["Bank", "Account number"])
        #expect(try Fixtures.instructions(fromPlugin).details.last?.value == Fixtures.pluginAccountNumber)
        let fromAccount = try await plugin.startPayment(Fixtures.request(), account: Fixtures.account)
        #expect(try Fixtures.instructions(fromAccount).details.count == 7)
        #expect(try Fixtures.instructions(fromAccount).details[4].value == Fixtures.accountNumber)
    }

    @Test("a due date in the request metadata is passed on; a malformed one is refused")
    func dueDate() async throws {
        let start = try await Fixtures.gateway.startPayment(
            Fixtures.request(metadata: ["due_date": "2025-07-31"]), account: Fixtures.account)
        #expect(try Fixtures.instructions(start).dueDate == LocalDate(year: 2025, month: 7, day: 31))
        await expectInvalid(field: "metadata.due_date") {
            _ = try await Fixtures.gateway.startPayment(Fixtures.request(metadata: ["due_date": "31/07/2025"]), account: Fixtures.account)
        }
    }
}

@Suite("Manual gateway errors")
struct ManualPaymentsErrorTests {
    @Test(
        "malformed bank details are refused naming details, without repeating them",
        arguments: [
            "Account number: 62845190731",
            #"{"label": "Account number", "value": "62845190731"}"#,
            #"[{"label": "Account number", "value": 62845190731}]"#,
            #"[{"label": "", "value": "62845190731"}]"#,
            #"[{"label": "Account number"}]"#,
        ])
    func malformedDetails(json: String) async throws {
        let account = ProviderAccount(id: "a", settings: ["details": json])
        let error = await expectInvalid(field: "details") {
            _ = try await Fixtures.gateway.startPayment(Fixtures.request(), account: account)
        }
        #expect(!String(reflecting: error).contains("62845190731"))
    }

    @Test("missing bank details are refused naming details", arguments: [[:], ["details": "[]"], ["details": "  "]])
    func missingDetails(settings: [String: String]) async throws {
        await expectInvalid(field: "details") {
            _ = try await Fixtures.gateway.startPayment(Fixtures.request(), account: ProviderAccount(id: "a", settings: settings))
        }
    }

    @Test("malformed plugin details stop the plugin, naming the full key")
    func malformedPluginDetails() throws {
        do {
            _ = try ManualPaymentsGateway(settings: PluginSettings(namespace: "plugins.manual", values: ["details": "{"]))
            Issue.record("expected an error")
        } catch let error as PortalError {
            #expect(error.code == .invalid && error.field == "plugins.manual.details")
        }
    }

    @Test("only the instructions flow is offered", arguments: [PaymentGatewayOperation.hostedCheckout, .formPost, .fullRefund])
    func otherFlows(flow: PaymentGatewayOperation) async throws {
        await expectInvalid(field: "operation") {
            _ = try await Fixtures.gateway.startPayment(Fixtures.request(flow: flow), account: Fixtures.account)
        }
        let start = try await Fixtures.gateway.startPayment(Fixtures.request(flow: .offlineInstructions), account: Fixtures.account)
        #expect(start.reference != nil)
    }

    @Test("status look-ups and webhooks are not offered")
    func unsupportedOperations() async throws {
        let gateway = Fixtures.gateway
        await expectInvalid(field: "operation") {
            _ = try await gateway.paymentStatus(
                PaymentGatewayLookup(paymentID: "p", reference: PaymentGatewayReference(id: "INV-1"), idempotencyKey: "k"),
                account: Fixtures.account)
        }
        await expectInvalid(field: "operation") {
            _ = try await gateway.parseWebhook(
                WebhookRequest(body: Array("{}".utf8), receivedAt: Instant(secondsSinceEpoch: 1_700_000_000)), account: Fixtures.account)
        }
    }

    @Test("capabilities: bank transfer in any country and currency, live only, refunds")
    func capabilities() {
        let capabilities = Fixtures.gateway.capabilities
        #expect(capabilities.name == "manual" && capabilities.displayName == "Bank transfer")
        #expect(capabilities.countries.isEmpty && capabilities.currencies.isEmpty)
        #expect(capabilities.operations == [.offlineInstructions, .fullRefund, .partialRefund])
        #expect(capabilities.flows == [.offlineInstructions])
        #expect(capabilities.modes == [.live])
    }

    @Test("the description and dump show no bank details")
    func descriptionHidesDetails() throws {
        let gateway = try ManualPaymentsGateway(
            settings: PluginSettings(namespace: "plugins.manual", values: ["details": Fixtures.pluginDetailsJSON, "instructions": "Pay."]))
        var dumped = ""
        dump(gateway, to: &dumped)
        for text in [gateway.description, String(reflecting: gateway), dumped] {
            #expect(!text.contains(Fixtures.pluginAccountNumber) && !text.contains("Standard Bank"))
        }
        #expect(gateway.description == "ManualPaymentsGateway(instructions: set, bank details: 2 entries)")
    }
}

@Suite("Manual gateway refunds")
struct ManualPaymentsRefundTests {
    func refund(key: String = "refund-0001", amount: Money? = nil, reference: String = "INV-0042") -> PaymentGatewayRefundRequest {
        PaymentGatewayRefundRequest(
            refundID: "r-1", paymentID: "p-1", idempotencyKey: key, reference: PaymentGatewayReference(id: reference), amount: amount)
    }

    @Test("a refund the business paid is recorded as succeeded, with the refund's key as reference")
    func succeeded() async throws {
        let full = try await Fixtures.gateway.refund(refund(), account: Fixtures.account)
        #expect(full == PaymentGatewayRefund(state: .succeeded, providerReference: "refund-0001"))
        let part = Money(minorUnits: 25_000, currency: .zar)
        let partial = try await Fixtures.gateway.refund(refund(key: "refund-0002", amount: part), account: .default)
        #expect(partial == PaymentGatewayRefund(state: .succeeded, providerReference: "refund-0002", amount: part))
    }

    @Test("a malformed key, a non-positive amount or a missing reference is refused")
    func refused() async throws {
        await expectInvalid(field: "idempotency_key") { _ = try await Fixtures.gateway.refund(refund(key: "bad key"), account: .default) }
        await expectInvalid(field: "amount") {
            _ = try await Fixtures.gateway.refund(refund(amount: Money.zero(.zar)), account: .default)
        }
        await expectInvalid(field: "amount") {
            _ = try await Fixtures.gateway.refund(refund(amount: Money(minorUnits: -1, currency: .zar)), account: .default)
        }
        await expectInvalid(field: "reference") { _ = try await Fixtures.gateway.refund(refund(reference: ""), account: .default) }
    }
}

/// Expects `body` to throw ``PortalError`` `invalid` naming `field`, and returns it.
@discardableResult
func expectInvalid(
    field: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> PortalError? {
    do {
        try await body()
        Issue.record("expected invalid naming '\(field)', but it succeeded", sourceLocation: sourceLocation)
    } catch let error as PortalError {
        #expect(error.code == .invalid, sourceLocation: sourceLocation)
        #expect(error.field == field, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a PortalError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

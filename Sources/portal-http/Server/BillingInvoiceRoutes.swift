import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Invoices (`/invoices`): staff write drafts, finalize, void and write them off; clients read
/// their companies' issued invoices, settle them with customer credit and ask how to pay.
enum BillingInvoiceRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "invoices", handler: list),
        APIRoute(.post, "invoices", handler: create),
        APIRoute(.post, "invoices/deposits", handler: createDeposit),
        APIRoute(.get, "invoices/{id}", handler: get),
        APIRoute(.patch, "invoices/{id}", handler: update),
        APIRoute(.delete, "invoices/{id}", handler: delete),
        APIRoute(.post, "invoices/{id}/lines", handler: addLine),
        APIRoute(.post, "invoices/{id}/finalize", handler: finalize),
        APIRoute(.post, "invoices/{id}/void", handler: void),
        APIRoute(.post, "invoices/{id}/uncollectible", handler: uncollectible),
        APIRoute(.get, "invoices/{id}/credit-notes", handler: creditNotes),
        APIRoute(.post, "invoices/{id}/apply-credit", handler: applyCredit),
        APIRoute(.get, "invoices/{id}/payment-instructions", handler: paymentInstructions),
        APIRoute(.get, "invoices/{id}/pdf", handler: pdf),
    ]

    /// The optional body of `apply-credit`: minor units, or as much as can be applied.
    struct CreditApplication: Decodable, Sendable {
        let amount: Int64?
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = InvoiceListOptions(
            sort: try query.sort(InvoiceListOptions.sortFields, standard: InvoiceListOptions().sort),
            companyId: try query.id("company_id", as: CompanyID.self), status: try query.choice("status", as: InvoiceStatus.self),
            kind: try query.choice("kind", as: InvoiceKind.self), updatedSince: try query.instant("updated_since"),
            search: try query.text("q"))
        return try call.list(try await call.billing.invoices.list(options, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewInvoice.self)
        return try call.created(try await call.billing.invoices.create(body, by: try call.principal()))
    }

    @Sendable static func createDeposit(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewDepositInvoice.self)
        return try call.created(try await call.billing.invoices.createDeposit(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.invoices.get(try call.id(InvoiceID.self), by: try call.principal()))
    }

    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(InvoiceID.self)
        let body = try await call.body(InvoiceUpdate.self)
        return try call.json(try await call.billing.invoices.update(id, body, by: try call.principal()))
    }

    @Sendable static func delete(_ call: APICall) async throws -> Response {
        try await call.billing.invoices.deleteDraft(try call.id(InvoiceID.self), by: try call.principal())
        return call.noContent()
    }

    @Sendable static func addLine(_ call: APICall) async throws -> Response {
        let id = try call.id(InvoiceID.self)
        let body = try await call.body(InvoiceLineInput.self)
        return try call.json(try await call.billing.invoices.addLine(id, body, by: try call.principal()))
    }

    @Sendable static func finalize(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.invoices.finalize(try call.id(InvoiceID.self), by: try call.principal()))
    }

    @Sendable static func void(_ call: APICall) async throws -> Response {
        let id = try call.id(InvoiceID.self)
        let body = try await call.body(BillingReason.self)
        return try call.json(try await call.billing.invoices.void(id, reason: body.text, by: try call.principal()))
    }

    @Sendable static func uncollectible(_ call: APICall) async throws -> Response {
        let id = try call.id(InvoiceID.self)
        let body = try await call.body(BillingReason.self)
        return try call.json(try await call.billing.invoices.markUncollectible(id, reason: body.text, by: try call.principal()))
    }

    @Sendable static func creditNotes(_ call: APICall) async throws -> Response {
        let notes = try await call.billing.creditNotes.list(invoice: try call.id(InvoiceID.self), by: try call.principal())
        return try call.json(BillingItems(items: notes))
    }

    @Sendable static func applyCredit(_ call: APICall) async throws -> Response {
        let id = try call.id(InvoiceID.self)
        let amount = try await call.optionalBody(CreditApplication.self)?.amount
        return try call.json(try await call.billing.payments.applyCustomerCredit(id, amount: amount, by: try call.principal()))
    }

    /// What the payer must do to pay through `gateway` (`manual` unless given).
    @Sendable static func paymentInstructions(_ call: APICall) async throws -> Response {
        let id = try call.id(InvoiceID.self)
        let gateway = try call.query.text("gateway", maximumLength: 64) ?? "manual"
        let start = try await call.billing.paymentMethods.instructions(for: id, gateway: gateway, by: try call.principal())
        return try call.json(BillingPaymentStart(start, gateway: gateway))
    }

    /// The invoice as a document (`application/pdf` with the `pdf` plugin; `503` without a renderer).
    @Sendable static func pdf(_ call: APICall) async throws -> Response {
        try await call.billing.documents.render(try call.id(InvoiceID.self), by: try call.principal()).response
    }
}

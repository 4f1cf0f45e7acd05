import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Credit notes (`/credit-notes`): staff issue them against an issued invoice; clients read
/// those of their companies. An invoice's notes are listed at `/invoices/{id}/credit-notes`.
enum BillingCreditNoteRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.post, "credit-notes", handler: issue),
        APIRoute(.get, "credit-notes/{id}", handler: get),
        APIRoute(.get, "credit-notes/{id}/pdf", handler: pdf),
    ]

    @Sendable static func issue(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewCreditNote.self)
        return try call.created(try await call.billing.creditNotes.issue(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.creditNotes.get(try call.id(CreditNoteID.self), by: try call.principal()))
    }

    /// The credit note as a document, like an invoice's (`/invoices/{id}/pdf`).
    @Sendable static func pdf(_ call: APICall) async throws -> Response {
        try await call.billing.documents.renderCreditNote(try call.id(CreditNoteID.self), by: try call.principal()).response
    }
}

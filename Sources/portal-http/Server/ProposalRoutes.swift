import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Proposals (`/proposals`): staff write a draft with its phases, milestones and payment
/// schedule, send it, move it to `active` and `completed`, and invoice a scheduled payment early;
/// the client (a company user with `can_sign_contracts`) or staff approve it. Clients read their
/// companies' proposals once sent.
enum ProposalRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "proposals", handler: list),
        APIRoute(.post, "proposals", handler: create),
        APIRoute(.get, "proposals/{id}", handler: get),
        APIRoute(.patch, "proposals/{id}", handler: update),
        APIRoute(.post, "proposals/{id}/send", handler: send),
        APIRoute(.post, "proposals/{id}/approve", handler: approve),
        APIRoute(.post, "proposals/{id}/status", handler: setStatus),
        APIRoute(.post, "proposals/{id}/payments/{payment_id}/invoice", handler: invoicePayment),
    ]

    /// The body of a status change: `active` or `completed` (sending and approving have their
    /// own routes).
    struct StatusChange: Decodable, Sendable {
        let status: ProposalStatus?
    }

    /// Headers only: `phases`, `milestones` and `payments` are empty in lists.
    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = ProposalListOptions(
            sort: try query.sort(ProposalListOptions.sortFields, standard: ProposalListOptions().sort),
            companyId: try query.id("company_id", as: CompanyID.self), contactId: try query.id("contact_id", as: ContactID.self),
            status: try query.choice("status", as: ProposalStatus.self))
        return try call.list(try await call.engagements.proposals.list(options, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewProposal.self)
        return try call.created(try await call.engagements.proposals.create(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.engagements.proposals.get(try call.id(ProposalID.self), by: try call.principal()))
    }

    /// Changes a draft; a list in the body replaces the stored list.
    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(ProposalID.self)
        let body = try await call.body(ProposalUpdate.self)
        return try call.json(try await call.engagements.proposals.update(id, body, by: try call.principal()))
    }

    @Sendable static func send(_ call: APICall) async throws -> Response {
        try call.json(try await call.engagements.proposals.send(try call.id(ProposalID.self), by: try call.principal()))
    }

    /// Approval creates the deliverables and invoices the payments already due, so the answer is
    /// the proposal with its payments' statuses and invoices as they now stand.
    @Sendable static func approve(_ call: APICall) async throws -> Response {
        try call.json(try await call.engagements.proposals.approve(try call.id(ProposalID.self), by: try call.principal()))
    }

    @Sendable static func setStatus(_ call: APICall) async throws -> Response {
        let id = try call.id(ProposalID.self)
        let body = try await call.body(StatusChange.self)
        guard let status = body.status else { throw PortalError.invalid("status is required.", field: "status") }
        return try call.json(try await call.engagements.proposals.setStatus(id, to: status, by: try call.principal()))
    }

    /// Invoices one scheduled payment now, before it comes due: `201` with the new invoice.
    @Sendable static func invoicePayment(_ call: APICall) async throws -> Response {
        let id = try call.id(ProposalID.self)
        let payment = try call.id(ProposalPaymentID.self, "payment_id")
        return try call.created(try await call.engagements.proposals.invoicePayment(payment, of: id, by: try call.principal()))
    }
}

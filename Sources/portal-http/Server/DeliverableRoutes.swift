import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Deliverables (`/deliverables`): staff create them and move them along pending → in_progress
/// → completed (or blocked, with notes saying why); clients read their companies' deliverables.
/// A step ``DeliverableStatus`` does not allow is `409`; blocking without notes is `422` on
/// `notes`.
enum DeliverableRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "deliverables", handler: list),
        APIRoute(.post, "deliverables", handler: create),
        APIRoute(.get, "deliverables/{id}", handler: get),
        APIRoute(.patch, "deliverables/{id}", handler: update),
    ]

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = DeliverableListOptions(
            sort: try query.sort(DeliverableListOptions.sortFields, standard: DeliverableListOptions().sort),
            companyId: try query.id("company_id", as: CompanyID.self), contactId: try query.id("contact_id", as: ContactID.self),
            proposalId: try query.id("proposal_id", as: ProposalID.self),
            status: try query.choice("status", as: DeliverableStatus.self))
        let page = try await call.engagements.deliverables.list(options, page: try query.page(), by: try call.principal())
        return try call.list(page)
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewDeliverable.self)
        return try call.created(try await call.engagements.deliverables.create(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.engagements.deliverables.get(try call.id(DeliverableID.self), by: try call.principal()))
    }

    /// Changes a deliverable; absent fields stay, empty text clears an optional one.
    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(DeliverableID.self)
        let body = try await call.body(DeliverableUpdate.self)
        return try call.json(try await call.engagements.deliverables.update(id, body, by: try call.principal()))
    }
}

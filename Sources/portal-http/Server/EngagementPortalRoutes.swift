import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The client portal view of an engagement (`/engagements/{id}/portal`) and its shareable
/// links (`/engagements/{id}/links`). An engagement's id is its proposal's id.
///
/// The company's users and staff read the view; staff create, list and revoke links. A link's
/// token is in the creation answer only; the link itself is read without signing in through
/// ``SharedPortalRoutes``.
enum EngagementPortalRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "engagements/{id}/portal", handler: view),
        APIRoute(.get, "engagements/{id}/links", handler: links),
        APIRoute(.post, "engagements/{id}/links", handler: createLink),
        APIRoute(.post, "engagements/{id}/links/{link_id}/revoke", handler: revokeLink),
    ]

    /// The optional body of a new link: how many days it lives (30 when absent, 1…365).
    struct NewLink: Decodable, Sendable {
        let expiresInDays: Int?
    }

    /// Deliverables, plan, payment schedule with invoice links, and progress, in one document.
    @Sendable static func view(_ call: APICall) async throws -> Response {
        try call.json(try await call.engagements.portal.view(try call.id(ProposalID.self), by: try call.principal()))
    }

    /// Every link of the engagement, newest first, revoked and expired ones included.
    @Sendable static func links(_ call: APICall) async throws -> Response {
        let links = try await call.engagements.portalLinks.list(for: try call.id(ProposalID.self), by: try call.principal())
        return try call.json(BillingItems(items: links))
    }

    /// `201` with the link, its token and the URL to share; the token is never shown again.
    @Sendable static func createLink(_ call: APICall) async throws -> Response {
        let id = try call.id(ProposalID.self)
        let days = try await call.optionalBody(NewLink.self)?.expiresInDays
        return try call.created(try await call.engagements.portalLinks.create(for: id, days: days, by: try call.principal()))
    }

    /// Revokes a link at once (again: no change) and answers with it.
    @Sendable static func revokeLink(_ call: APICall) async throws -> Response {
        let id = try call.id(ProposalID.self)
        let link = try call.id(PortalLinkID.self, "link_id")
        return try call.json(try await call.engagements.portalLinks.revoke(link, of: id, by: try call.principal()))
    }
}

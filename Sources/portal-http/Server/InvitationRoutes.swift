import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Invitations to become a company user: sent, listed, resent and revoked by the company's
/// managers; previewed and accepted by the invitee through the token of their link (public).
enum InvitationRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "companies/{id}/invitations", handler: list),
        APIRoute(.post, "companies/{id}/invitations", handler: create),
        APIRoute(.get, "invitations/{id}", handler: get),
        APIRoute(.post, "invitations/{id}/resend", handler: resend),
        APIRoute(.post, "invitations/{id}/revoke", handler: revoke),
        APIRoute(.post, "invitations/preview", access: .anyone, handler: preview),
        APIRoute(.post, "invitations/accept", access: .anyone, handler: accept),
    ]

    struct Token: Decodable {
        let token: String
    }

    struct Acceptance: Decodable {
        let token: String
        let name: String?
        let password: String?
    }

    /// A sent invitation with its link, shown to the inviter once.
    struct Issued: Encodable {
        let invitation: Invitation
        let token: String
        let acceptUrl: String
    }

    struct Accepted: Encodable {
        let user: User
        let membership: CompanyMembership
        let createdUser: Bool
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let query = call.query
        let page = try await call.identity.invitations.list(
            company: company, status: try query.choice("status", as: InvitationStatus.self), page: try query.page(),
            by: try call.principal())
        return try call.list(page)
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let body = try await call.body(NewInvitation.self)
        return try call.created(issued(try await call.identity.invitations.create(body, company: company, by: try call.principal())))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.identity.invitations.get(try call.id(InvitationID.self), by: try call.principal()))
    }

    @Sendable static func resend(_ call: APICall) async throws -> Response {
        try call.json(issued(try await call.identity.invitations.resend(try call.id(InvitationID.self), by: try call.principal())))
    }

    @Sendable static func revoke(_ call: APICall) async throws -> Response {
        try call.json(try await call.identity.invitations.revoke(try call.id(InvitationID.self), by: try call.principal()))
    }

    @Sendable static func preview(_ call: APICall) async throws -> Response {
        let body = try await call.body(Token.self)
        return try call.json(try await call.identity.invitations.preview(token: body.token))
    }

    @Sendable static func accept(_ call: APICall) async throws -> Response {
        let body = try await call.body(Acceptance.self)
        let accepted = try await call.identity.invitations.accept(
            token: body.token, InvitationAcceptance(name: body.name, password: body.password), origin: call.origin)
        return try call.created(Accepted(user: accepted.user, membership: accepted.membership, createdUser: accepted.createdUser))
    }

    /// The invitation with its token and link, as the inviter sees them once.
    private static func issued(_ issued: IssuedInvitation) -> Issued {
        Issued(invitation: issued.invitation, token: issued.token, acceptUrl: issued.acceptURL)
    }
}

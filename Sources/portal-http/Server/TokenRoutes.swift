import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// API tokens (`/tokens`): one's own, or (staff) everyone's. A new token's secret is in the
/// creation answer only.
enum TokenRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "tokens", handler: list),
        APIRoute(.post, "tokens", handler: create),
        APIRoute(.delete, "tokens/{id}", handler: revoke),
    ]

    struct NewToken: Decodable {
        let name: String?
        let expiresAt: Instant?
        let userId: UserID?
    }

    struct Issued: Encodable {
        let token: APIToken
        let secret: String
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let page = try call.query.page()
        return try call.list(try await call.identity.apiTokens.list(by: try call.principal(), page: page))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewToken.self)
        let issued = try await call.identity.apiTokens.create(
            name: body.name, expiresAt: body.expiresAt, for: body.userId, by: try call.principal())
        return try call.created(Issued(token: issued.token, secret: issued.secret))
    }

    @Sendable static func revoke(_ call: APICall) async throws -> Response {
        try await call.identity.apiTokens.revoke(try call.id(APITokenID.self), by: try call.principal())
        return call.noContent()
    }
}

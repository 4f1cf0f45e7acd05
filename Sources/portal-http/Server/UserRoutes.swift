import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The tenant's users (`/users`): staff create and change them; everyone lists the users they
/// may see.
enum UserRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "users", handler: list),
        APIRoute(.post, "users", handler: create),
        APIRoute(.get, "users/{id}", handler: get),
        APIRoute(.patch, "users/{id}", handler: update),
        APIRoute(.post, "users/{id}/two-factor/reset", handler: resetTwoFactor),
    ]

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = UserListOptions(
            sort: try query.sort(UserListOptions.sortFields), kind: try query.choice("kind", as: UserKind.self),
            status: try query.choice("status", as: UserStatus.self), updatedSince: try query.instant("updated_since"),
            search: try query.text("q"))
        return try call.list(try await call.identity.users.list(options, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewUser.self)
        return try call.created(try await call.identity.users.create(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.identity.users.get(try call.id(UserID.self), by: try call.principal()))
    }

    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(UserID.self)
        let body = try await call.body(UserUpdate.self)
        return try call.json(try await call.identity.users.update(id, body, by: try call.principal()))
    }

    /// Staff turn off a user's lost second factor.
    @Sendable static func resetTwoFactor(_ call: APICall) async throws -> Response {
        let id = try call.id(UserID.self)
        try await call.identity.twoFactor.reset(id, by: try call.principal())
        return call.noContent()
    }
}

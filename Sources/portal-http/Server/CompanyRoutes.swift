import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The tenant's client companies (`/companies`): staff create them; members read them, and
/// owners and admins change their details.
enum CompanyRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "companies", handler: list),
        APIRoute(.post, "companies", handler: create),
        APIRoute(.get, "companies/{id}", handler: get),
        APIRoute(.patch, "companies/{id}", handler: update),
    ]

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = CompanyListOptions(
            sort: try query.sort(CompanyListOptions.sortFields), status: try query.choice("status", as: CompanyStatus.self),
            type: try query.choice("type", as: CompanyType.self), updatedSince: try query.instant("updated_since"),
            search: try query.text("q"))
        return try call.list(try await call.identity.companies.list(options, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(CompanyInput.self)
        return try call.created(try await call.identity.companies.create(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.identity.companies.get(try call.id(CompanyID.self), by: try call.principal()))
    }

    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(CompanyID.self)
        let body = try await call.body(CompanyInput.self)
        return try call.json(try await call.identity.companies.update(id, body, by: try call.principal()))
    }
}

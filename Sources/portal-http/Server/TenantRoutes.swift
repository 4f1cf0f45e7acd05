import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The caller's tenant (`/tenant`): everyone may read it, staff change its settings.
enum TenantRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "tenant", handler: get),
        APIRoute(.patch, "tenant", handler: update),
    ]

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.identity.tenants.current(by: try call.principal()))
    }

    @Sendable static func update(_ call: APICall) async throws -> Response {
        let body = try await call.body(TenantUpdate.self)
        return try call.json(try await call.identity.tenants.update(body, by: try call.principal()))
    }
}

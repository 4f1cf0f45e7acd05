import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The agencies whose developers serve client companies (`/agencies`); staff add them.
enum AgencyRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "agencies", handler: list),
        APIRoute(.post, "agencies", handler: create),
    ]

    struct NewAgency: Decodable {
        let name: String?
    }

    struct Agencies: Encodable {
        let items: [Agency]
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        try call.json(Agencies(items: try await call.identity.agencies.list(by: try call.principal())))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewAgency.self)
        return try call.created(try await call.identity.agencies.create(name: body.name, by: try call.principal()))
    }
}

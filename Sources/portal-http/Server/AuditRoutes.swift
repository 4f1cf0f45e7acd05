import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The tenant's audit trail (`/audit-events`), newest first, and a check of its hash chain.
/// Staff only.
enum AuditRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "audit-events", handler: list),
        APIRoute(.get, "audit-events/verify", handler: verify),
    ]

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let filter = AuditFilter(
            resourceType: try query.text("resource_type", maximumLength: 100), resourceId: try query.text("resource_id"),
            actor: try query.text("actor", maximumLength: 300), action: try query.text("action", maximumLength: 100),
            companyId: try query.id("company_id", as: CompanyID.self), since: try query.instant("since"),
            until: try query.instant("until"))
        return try call.list(try await call.identity.auditLog.list(filter, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func verify(_ call: APICall) async throws -> Response {
        try call.json(try await call.identity.auditLog.verify(by: try call.principal()))
    }
}

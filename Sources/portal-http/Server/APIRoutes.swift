import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The JSON API under `/api/v1`: every route file's ``APIRoute`` table, registered behind the
/// ``AuthenticationMiddleware`` its access level asks for.
///
/// ``table`` is the single list of operations: ``register(on:)`` serves it and
/// ``PortalHTTPServer/apiRouteList()`` describes it.
struct APIRoutes {
    static let prefix = "/api/v1"

    let assembled: AssembledPortal

    struct ServiceInfo: Encodable {
        let name: String
        let apiVersion: String
        let database: String
    }

    /// The API root: which service and database answer.
    static let root = APIRoute(.get, "", access: .anyone) { call in
        try call.json(
            ServiceInfo(name: "portal", apiVersion: "v1", database: call.assembled.configuration.database.pluginName))
    }

    /// The OpenAPI document, which ``OpenAPIRoute`` serves.
    static let openAPI = APIRoute(.get, relative(OpenAPIRoute.path), registeredBy: { router in OpenAPIRoute.register(on: router) })

    /// A router path below the prefix: `api/v1/openapi.json` is `openapi.json`.
    static func relative(_ path: String) -> String {
        let base = prefix.dropFirst() + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Every operation of the API, in registration order.
    static let table: [APIRoute] =
        [root, openAPI] + AuthRoutes.routes + MeRoutes.routes + TokenRoutes.routes + TenantRoutes.routes + UserRoutes.routes
        + AgencyRoutes.routes + CompanyRoutes.routes + ContactRoutes.routes + MembershipRoutes.routes
        + InvitationRoutes.routes + AuditRoutes.routes + BillingRoutes.routes + ContractSigningRoutes.routes
        + EngagementRoutes.routes

    func register(on router: Router<PortalRequestContext>) {
        let api = router.group(RouterPath(String(Self.prefix.dropFirst())))
        let authenticator = assembled.portal.identity.authenticator
        var groups: [APIAccess: RouterGroup<PortalRequestContext>] = [:]
        for route in Self.table {
            let handler: APIRoute.Handler
            switch route.implementation {
            case .handler(let routeHandler): handler = routeHandler
            case .registers(let register):
                register(router)
                continue
            }
            let group: RouterGroup<PortalRequestContext>
            if let existing = groups[route.access] {
                group = existing
            } else {
                group = api.group()
                if case .principal(let stages, let bearer) = route.access {
                    group.add(middleware: AuthenticationMiddleware(stages: stages, acceptsBearer: bearer, authenticator: authenticator))
                }
                groups[route.access] = group
            }
            let assembled = self.assembled
            group.on(route.routerPath, method: route.method) { request, context in
                try await handler(APICall(request: request, context: context, assembled: assembled))
            }
        }
    }
}

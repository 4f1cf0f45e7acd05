import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// One operation of the JSON API: a method, a path template below `/api/v1` written with
/// OpenAPI placeholders (`companies/{id}`), who may call it, and the handler.
///
/// Route files list their operations as `[APIRoute]`; ``APIRoutes`` registers exactly those
/// on the router and describes exactly those in ``PortalHTTPServer/apiRouteList()``, so what
/// the server serves and what it says it serves cannot drift apart.
///
/// ```swift
/// APIRoute(.get, "companies/{id}") { call in
///     try call.json(await call.identity.companies.get(try call.id(CompanyID.self), by: try call.principal()))
/// }
/// ```
struct APIRoute: Sendable {
    typealias Handler = @Sendable (APICall) async throws -> Response

    /// How the route is served.
    enum Implementation: Sendable {
        /// A handler that ``APIRoutes`` wraps in the route's authentication.
        case handler(Handler)
        /// A public route that registers itself on the router (the OpenAPI document).
        case registers(@Sendable (Router<PortalRequestContext>) -> Void)
    }

    let method: HTTPRequest.Method
    /// The path below `/api/v1`, with `{name}` placeholders.
    let path: String
    let access: APIAccess
    let implementation: Implementation

    init(_ method: HTTPRequest.Method, _ path: String, access: APIAccess = .active, handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.access = access
        self.implementation = .handler(handler)
    }

    /// A public route served by a type that registers it on the router itself.
    init(_ method: HTTPRequest.Method, _ path: String, registeredBy register: @escaping @Sendable (Router<PortalRequestContext>) -> Void) {
        self.method = method
        self.path = path
        self.access = .anyone
        self.implementation = .registers(register)
    }

    /// The path as Hummingbird matches it: `{id}` becomes `:id`.
    var routerPath: RouterPath {
        RouterPath(
            path.split(separator: "/").map { part in
                part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
            }.joined(separator: "/"))
    }

    var descriptor: APIRouteDescriptor {
        APIRouteDescriptor(
            method: method.rawValue, path: path.isEmpty ? APIRoutes.prefix : "\(APIRoutes.prefix)/\(path)",
            requiresPrincipal: access != .anyone)
    }
}

/// Who may call an ``APIRoute``.
enum APIAccess: Sendable, Hashable {
    /// Anyone; no credential is looked at.
    case anyone
    /// A signed-in principal: the `portal_session` cookie of a session in one of `stages`, or,
    /// when `bearer` is true, an API token (which always acts fully signed in).
    case principal(stages: Set<SessionStage>, bearer: Bool)

    /// A fully signed-in principal, by cookie or API token: most of the API.
    static let active = APIAccess.principal(stages: [.active], bearer: true)
}

/// An operation the server serves, as OpenAPI names it: `GET /api/v1/companies/{id}`.
public struct APIRouteDescriptor: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The HTTP method in capitals (`GET`, `PATCH`).
    public let method: String
    /// The full path template with `{name}` placeholders (`/api/v1/companies/{id}`).
    public let path: String
    /// Whether the operation needs a signed-in principal (a session cookie or an API token).
    public let requiresPrincipal: Bool

    public init(method: String, path: String, requiresPrincipal: Bool) {
        self.method = method
        self.path = path
        self.requiresPrincipal = requiresPrincipal
    }

    /// The names of the path's placeholders, in order (`["id"]`).
    public var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    public var description: String { "\(method) \(path)" }

    public static func < (lhs: APIRouteDescriptor, rhs: APIRouteDescriptor) -> Bool {
        (lhs.path, lhs.method) < (rhs.path, rhs.method)
    }
}

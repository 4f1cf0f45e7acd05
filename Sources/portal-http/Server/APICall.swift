import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// One call of an ``APIRoute``: the request, its context and the kernel, with the few steps
/// every handler repeats (the principal, the body, a path id, the query, the response).
struct APICall: Sendable {
    let request: Request
    let context: PortalRequestContext
    let assembled: AssembledPortal

    // MARK: The kernel

    var identity: IdentityServices { assembled.portal.identity }

    // MARK: Input

    /// The signed-in principal; `unauthenticated` on a route that did not resolve one.
    func principal() throws -> Principal {
        guard let principal = context.principal else { throw PortalError.unauthenticated() }
        return principal
    }

    /// Where the request came from, for sign-in throttling and the audit trail.
    var origin: RequestOrigin { RequestOrigin.of(request, context: context) }

    /// The JSON body decoded as `type` (see ``Hummingbird/Request/decodeJSON(_:context:)``).
    func body<Value: Decodable>(_ type: Value.Type) async throws -> Value {
        try await request.decodeJSON(type, context: context)
    }

    /// The path parameter `name` as an identifier. A malformed id names nothing, so it is
    /// `not_found` like an id that does not exist.
    func id<Tag: IdentifierTag>(_ type: Identifier<Tag>.Type, _ name: String = "id") throws -> Identifier<Tag> {
        guard let text = context.parameters.get(name), let id = Identifier<Tag>(text) else {
            throw PortalError.notFound("No such \(Tag.entityName.replacingOccurrences(of: "_", with: " ")).")
        }
        return id
    }

    /// The query parameters, read through the list helpers.
    var query: ListQuery { ListQuery(request.uri.queryParameters) }

    // MARK: Output

    /// `value` as JSON with `status` (200 unless told).
    func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) throws -> Response {
        try JSONResponse.make(value, status: status)
    }

    /// A list page as `{"items":[…],"next_cursor":"…"}`, with `"next_cursor":null` on the last page.
    func list<Item: Encodable>(_ page: Page<Item>) throws -> Response {
        try JSONResponse.make(page)
    }

    /// `201 Created` with `value`.
    func created<Value: Encodable>(_ value: Value) throws -> Response {
        try JSONResponse.make(value, status: .created)
    }

    /// `204 No Content`.
    func noContent() -> Response {
        Response(status: .noContent)
    }
}

extension RequestOrigin {
    /// The origin of an HTTP request: the peer's address, the request id and the User-Agent.
    static func of(_ request: Request, context: PortalRequestContext) -> RequestOrigin {
        RequestOrigin(
            address: context.remoteAddress, requestId: context.requestID.isEmpty ? nil : context.requestID,
            userAgent: request.headers[.userAgent].map { String($0.prefix(512)) })
    }
}

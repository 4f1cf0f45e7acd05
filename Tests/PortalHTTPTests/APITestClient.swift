import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

/// One answer of the API under test, with ways to read its JSON.
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    /// The body as a JSON object.
    func object(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
    }

    /// The body decoded with the kernel's JSON conventions.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONCoding.decode(type, from: text)
    }

    /// The error envelope's body; fails the test when the body is not one.
    func error(sourceLocation: SourceLocation = #_sourceLocation) throws -> PortalErrorEnvelope.Body {
        do {
            return try decode(PortalErrorEnvelope.self).error
        } catch {
            Issue.record("not an error envelope (\(status.code)): \(text)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The `Set-Cookie` values.
    var setCookies: [String] { headers[values: .setCookie] }
}

/// A list page as the API returns it.
struct ListPage<Item: Decodable>: Decodable {
    let items: [Item]
    let nextCursor: String?
}

/// A client of `/api/v1` that keeps a session cookie and CSRF token, or an API token.
///
/// ```swift
/// var api = APIClient(client)
/// try await api.signIn(tenant: "acme", email: "ana@acme.example")
/// let me = try await api.get("me")
/// ```
struct APIClient: Sendable {
    let client: any TestClientProtocol
    /// The `portal_session` cookie to send.
    var sessionToken: String?
    /// The `X-CSRF-Token` to send on state-changing requests.
    var csrfToken: String?
    /// An API token to send as `Authorization: Bearer`.
    var bearer: String?

    init(_ client: any TestClientProtocol, bearer: String? = nil) {
        self.client = client
        self.bearer = bearer
    }

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// Sends `method` to `/api/v1/<path>` with a raw `body` (as `application/json` unless
    /// `contentType` says otherwise) and the client's credentials.
    func send(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil, contentType: String? = "application/json",
        headers extra: HTTPFields = [:], csrf: Bool = true
    ) async throws -> APIResponse {
        var headers = extra
        if body != nil, let contentType { headers[.contentType] = contentType }
        if let sessionToken { headers[.cookie] = "portal_session=\(sessionToken)" }
        if csrf, let csrfToken { headers[Self.csrfHeader] = csrfToken }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        let uri = path.isEmpty ? "/api/v1" : "/api/v1/\(path)"
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return APIResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    func get(_ path: String) async throws -> APIResponse { try await send(.get, path) }
    func delete(_ path: String) async throws -> APIResponse { try await send(.delete, path) }

    /// `POST` with `json` (an object or array, written with `JSONSerialization`).
    func post(_ path: String, _ json: Any = [String: Any]()) async throws -> APIResponse {
        try await send(.post, path, body: Self.text(json))
    }

    func patch(_ path: String, _ json: Any) async throws -> APIResponse {
        try await send(.patch, path, body: Self.text(json))
    }

    /// Signs in through `POST /auth/login` and keeps the cookie and CSRF token.
    @discardableResult
    mutating func signIn(
        tenant: String, email: String, password: String = TestInstallation.password,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        let response = try await post("auth/login", ["tenant": tenant, "email": email, "password": password])
        try #require(response.status == .ok, "sign-in failed: \(response.text)", sourceLocation: sourceLocation)
        let token: String = try #require(Self.cookieValue(response.setCookies.first), sourceLocation: sourceLocation)
        let csrf: String = try #require(try response.object()["csrf_token"] as? String, sourceLocation: sourceLocation)
        sessionToken = token
        csrfToken = csrf
        return response
    }

    /// The value of a `portal_session=…; …` header.
    static func cookieValue(_ header: String?) -> String? {
        guard let header, header.hasPrefix("portal_session=") else { return nil }
        let value = header.dropFirst("portal_session=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }

    static func text(_ json: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Runs `body` against the in-process router of a fresh installation, tearing it down after.
func withAPI(
    postgres: Bool = false, environment: [String: String] = [:],
    _ body: @escaping @Sendable (any TestClientProtocol, TestInstallation) async throws -> Void
) async throws {
    let installation = try await TestInstallation.make(postgres: postgres, environment: environment)
    let router = PortalHTTPServer.makeRouter(assembled: installation.assembled, metrics: nil)
    let app = Application(router: router, logger: Logger(label: "test"))
    do {
        try await app.test(.router) { client in try await body(client, installation) }
    } catch {
        await installation.tearDown()
        throw error
    }
    await installation.tearDown()
}

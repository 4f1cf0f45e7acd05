import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Resolves the principal of routes that need one and puts it in the context.
///
/// - `Authorization: Bearer pt_…` (where the route takes API tokens) is checked by
///   ``Authenticator/authenticate(bearerToken:origin:)``; no CSRF token is needed, since
///   browsers never add that header on their own.
/// - Otherwise the `portal_session` cookie is checked by
///   ``Authenticator/authenticate(sessionToken:origin:allowing:)`` for the route's session
///   stages, and a `POST`, `PUT`, `PATCH` or `DELETE` must carry the session's `X-CSRF-Token`
///   (``Authenticator/verifyCSRF(_:for:)``, `forbidden` otherwise).
/// - With neither, the answer is `unauthenticated`.
///
/// The kernel decides every failure; this type only reads the headers.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let stages: Set<SessionStage>
    let acceptsBearer: Bool
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let origin = RequestOrigin.of(request, context: context)
        if let authorization = request.headers[.authorization] {
            guard acceptsBearer else { throw PortalError.unauthenticated("Sign in with the session cookie to do this.") }
            guard let token = Self.bearerToken(authorization) else {
                throw PortalError.unauthenticated("Send an API token as Authorization: Bearer pt_….")
            }
            context.principal = try await authenticator.authenticate(bearerToken: token, origin: origin)
            context.credential = .apiToken
        } else if let token = SessionCookie.token(in: request) {
            let session = try await authenticator.authenticate(sessionToken: token, origin: origin, allowing: stages)
            if Self.changesState(request.method) {
                try authenticator.verifyCSRF(request.headers[SessionCookie.csrfHeader], for: session)
            }
            context.principal = session.principal
            context.credential = .session(token: token, session)
        } else {
            throw PortalError.unauthenticated()
        }
        context.logger[metadataKey: "user_id"] = .string(context.principal?.userId?.uuidString ?? "-")
        return try await next(request, context)
    }

    /// The token of `Bearer <token>` (the scheme in any case), else `nil`.
    static func bearerToken(_ header: String) -> String? {
        // The usual form, `Bearer ` and a token of visible ASCII, without splitting and trimming.
        let utf8 = header.utf8
        if utf8.count > 7, utf8.starts(with: "Bearer ".utf8), utf8.dropFirst(7).allSatisfy({ (0x21...0x7E).contains($0) }) {
            return String(header.dropFirst(7))
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }
}

import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Signing in and out, the second factor and password resets (`/auth/…`).
///
/// Sign-in sets the `portal_session` cookie and answers with the CSRF token the page must send
/// in `X-CSRF-Token` on every state-changing request. Every wrong tenant, email or password
/// gets the same `401`; a locked account or address gets `429` with `Retry-After`.
enum AuthRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.post, "auth/login", access: .anyone, handler: login),
        APIRoute(.post, "auth/two-factor", access: .principal(stages: [.secondFactor], bearer: false), handler: secondFactor),
        APIRoute(.post, "auth/logout", access: .principal(stages: Set(SessionStage.allCases), bearer: false), handler: logout),
        APIRoute(.post, "auth/password-reset", access: .anyone, handler: requestPasswordReset),
        APIRoute(.post, "auth/password-reset/complete", access: .anyone, handler: completePasswordReset),
    ]

    struct Login: Decodable {
        let tenant: String
        let email: String
        let password: String
    }

    struct SecondFactor: Decodable {
        let code: String?
        let recoveryCode: String?
    }

    struct PasswordResetRequest: Decodable {
        let tenant: String
        let email: String
    }

    struct PasswordReset: Decodable {
        let token: String
        let password: String
    }

    /// A new or promoted session: what to show next, and the CSRF token for later requests.
    struct SignedIn: Encodable {
        let stage: SessionStage
        let csrfToken: String
        let session: SessionInfo
        let user: User?
    }

    struct Empty: Encodable {}

    @Sendable static func login(_ call: APICall) async throws -> Response {
        let body = try await call.body(Login.self)
        let result = try await call.identity.authenticator.login(
            LoginRequest(tenantSlug: body.tenant, email: body.email, password: body.password, origin: call.origin))
        // The user as they see themselves, through the session just made.
        let signedIn = try await call.identity.authenticator.authenticate(
            sessionToken: result.sessionToken, origin: call.origin, allowing: Set(SessionStage.allCases))
        let user = try await call.identity.users.get(result.session.userId, by: signedIn.principal)
        return try respond(result, user: user, call)
    }

    @Sendable static func secondFactor(_ call: APICall) async throws -> Response {
        guard case .session(let token, _) = call.context.credential else { throw PortalError.unauthenticated() }
        let body = try await call.body(SecondFactor.self)
        let result = try await call.identity.authenticator.verifySecondFactor(
            sessionToken: token, code: body.code, recoveryCode: body.recoveryCode, origin: call.origin)
        return try respond(result, user: nil, call)
    }

    @Sendable static func logout(_ call: APICall) async throws -> Response {
        guard case .session(let token, _) = call.context.credential else { throw PortalError.unauthenticated() }
        try await call.identity.authenticator.logout(sessionToken: token, origin: call.origin)
        var response = call.noContent()
        SessionCookie.clear(on: &response, for: call.request)
        return response
    }

    @Sendable static func requestPasswordReset(_ call: APICall) async throws -> Response {
        let body = try await call.body(PasswordResetRequest.self)
        try await call.identity.authenticator.requestPasswordReset(tenantSlug: body.tenant, email: body.email, origin: call.origin)
        return try call.json(Empty(), status: .accepted)
    }

    @Sendable static func completePasswordReset(_ call: APICall) async throws -> Response {
        let body = try await call.body(PasswordReset.self)
        try await call.identity.authenticator.resetPassword(token: body.token, newPassword: body.password, origin: call.origin)
        return call.noContent()
    }

    /// The session's JSON with the cookie set to its (new) token.
    private static func respond(_ result: LoginResult, user: User?, _ call: APICall) throws -> Response {
        var response = try call.json(SignedIn(stage: result.stage, csrfToken: result.csrfToken, session: result.session, user: user))
        SessionCookie.set(
            result.sessionToken, maxAge: call.assembled.portal.identitySettings.sessionIdleTimeout, on: &response, for: call.request)
        return response
    }
}

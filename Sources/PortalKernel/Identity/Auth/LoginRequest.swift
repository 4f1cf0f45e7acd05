/// What a person types to sign in, and where the request came from.
public struct LoginRequest: Sendable {
    /// The tenant's slug (`acme-digital`).
    public var tenantSlug: String
    public var email: String
    public var password: String
    public var origin: RequestOrigin

    public init(tenantSlug: String, email: String, password: String, origin: RequestOrigin) {
        self.tenantSlug = tenantSlug
        self.email = email
        self.password = password
        self.origin = origin
    }
}

/// A new or promoted session: the bearer secrets to hand to the client, once, and the session.
///
/// Front ends put ``sessionToken`` in an `HttpOnly`, `Secure`, `SameSite=Lax` cookie and
/// ``csrfToken`` where their pages can read it (a meta tag or a readable cookie) to send back in
/// a header with every state-changing request; see ``Authenticator/verifyCSRF(_:for:)``.
public struct LoginResult: Sendable, CustomStringConvertible {
    public var sessionToken: String
    public var csrfToken: String
    public var session: SessionInfo
    /// The session's stage (also in ``session``): what the front end must show next.
    public var stage: SessionStage

    public init(sessionToken: String, csrfToken: String, session: SessionInfo) {
        self.sessionToken = sessionToken
        self.csrfToken = csrfToken
        self.session = session
        self.stage = session.stage
    }

    /// The session without its secrets.
    public var description: String { "LoginResult(session: \(session.id), stage: \(stage.rawValue), tokens redacted)" }
}

/// A session presented with a request and found valid: who is acting, and what the CSRF check needs.
public struct AuthenticatedSession: Sendable, CustomStringConvertible {
    public var principal: Principal
    public var session: SessionInfo
    /// SHA-256 (hex) of the session's CSRF token; compare with ``Authenticator/verifyCSRF(_:for:)``.
    public var csrfHash: String

    public init(principal: Principal, session: SessionInfo, csrfHash: String) {
        self.principal = principal
        self.session = session
        self.csrfHash = csrfHash
    }

    public var description: String { "AuthenticatedSession(\(principal.label), session: \(session.id), \(session.stage.rawValue))" }
}

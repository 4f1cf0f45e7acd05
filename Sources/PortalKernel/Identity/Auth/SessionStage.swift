/// How far a sign-in session has come.
///
/// Only an ``active`` session may use the application. A session in ``secondFactor`` may only
/// call ``Authenticator/verifySecondFactor(sessionToken:code:recoveryCode:origin:)``; one in
/// ``enrollment`` may only set up two-factor sign-in (``TwoFactor``), which promotes it to
/// ``active``. ``Authenticator/authenticate(sessionToken:origin:allowing:)`` refuses the other
/// stages unless the front end names them for those endpoints.
public enum SessionStage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fully signed in.
    case active
    /// The password was right; the user must still enter a TOTP or recovery code.
    case secondFactor = "second_factor"
    /// The tenant requires two-factor sign-in and the user has none yet: only enrollment is allowed.
    case enrollment
}

/// A sign-in session as front ends see it. The token itself is never part of it.
public struct SessionInfo: Sendable, Hashable, Codable {
    public var id: SessionID
    public var tenantId: TenantID
    public var userId: UserID
    public var stage: SessionStage
    public var createdAt: Instant
    /// When the session ends unless it is used again (never after its absolute lifetime).
    public var expiresAt: Instant

    public init(id: SessionID, tenantId: TenantID, userId: UserID, stage: SessionStage, createdAt: Instant, expiresAt: Instant) {
        self.id = id
        self.tenantId = tenantId
        self.userId = userId
        self.stage = stage
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

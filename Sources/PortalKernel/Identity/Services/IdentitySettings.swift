/// Tunables of sign-in, sessions and invitations. The defaults suit most installations.
public struct IdentitySettings: Sendable, Hashable {
    /// How long an invitation link stays valid.
    public var invitationLifetime: Duration = .seconds(7 * 24 * 3600)
    /// How long a password-reset link stays valid.
    public var passwordResetLifetime: Duration = .seconds(3600)
    /// A session ends after this long without use…
    public var sessionIdleTimeout: Duration = .seconds(12 * 3600)
    /// …and after this long in any case.
    public var sessionAbsoluteLifetime: Duration = .seconds(14 * 24 * 3600)
    /// A session waiting for its second factor ends after this long.
    public var secondFactorTimeout: Duration = .seconds(10 * 60)
    /// Failed sign-ins allowed per account within ``throttleWindow`` before it is locked for the rest of it.
    public var maxFailuresPerAccount = 5
    /// Failed sign-ins allowed per client address within ``throttleWindow``.
    public var maxFailuresPerAddress = 30
    /// The window in which failed sign-ins are counted, and how long a lock lasts.
    public var throttleWindow: Duration = .seconds(15 * 60)
    /// The base of links sent by email (`https://portal.example.com`).
    public var publicURL = "http://127.0.0.1:8080"
    /// The issuer name authenticator apps show next to the account.
    public var totpIssuer = "Portal"
    /// The sender of invitation and password-reset emails.
    public var emailFrom = MailerAddress("no-reply@portal.localhost", name: "Portal")

    public init() {}
}

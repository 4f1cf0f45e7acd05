/// A bearer token for integrations and scripts. Only its hash is stored; the secret is shown
/// once, when it is created.
public struct APIToken: Sendable, Hashable, Codable {
    public var id: APITokenID
    public var tenantId: TenantID
    public var userId: UserID
    public var name: String
    /// The first characters of the secret, to recognise a token in a list.
    public var prefix: String
    public var createdAt: Instant
    public var lastUsedAt: Instant?
    public var expiresAt: Instant?
    public var revokedAt: Instant?
}

/// A just-created API token with its secret, which is never shown again.
public struct IssuedAPIToken: Sendable, CustomStringConvertible, CustomReflectable {
    public var token: APIToken
    public var secret: String

    public init(token: APIToken, secret: String) {
        self.token = token
        self.secret = secret
    }

    /// Names the token, never its secret.
    public var description: String { "IssuedAPIToken(\(token.id), prefix: \(token.prefix))" }
    public var customMirror: Mirror { Mirror(self, children: ["token": token, "secret": "[redacted]"]) }
}

/// The request budget a code host reported with a response (GitHub `x-ratelimit-*`, GitLab
/// `RateLimit-*`), so sync jobs can pace themselves.
public struct CodeHostRateLimit: Sendable, Hashable, Codable {
    /// Requests allowed per window.
    public var limit: Int?
    /// Requests left in the window.
    public var remaining: Int?
    /// Requests used in the window.
    public var used: Int?
    /// When the window resets.
    public var resetAt: Instant?
    /// Which budget this is (GitHub `core`, `search`, `graphql`).
    public var resource: String?

    public init(limit: Int? = nil, remaining: Int? = nil, used: Int? = nil, resetAt: Instant? = nil, resource: String? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.used = used
        self.resetAt = resetAt
        self.resource = resource
    }

    /// Whether the budget is spent.
    public var isExhausted: Bool { remaining == 0 }
}

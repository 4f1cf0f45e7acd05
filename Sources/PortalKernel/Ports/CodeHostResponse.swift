/// A code host's answer to a read, with what the caller needs for conditional requests and
/// pacing.
///
/// ```swift
/// let response = try await host.repository(ref, ifNoneMatch: cached?.etag, account: account)
/// switch response.content {
/// case .fresh(let repository): cache.store(repository, etag: response.etag)
/// case .notModified: break                                   // cached copy still current
/// case .computing(let retryAfter): scheduleRetry(after: retryAfter ?? .seconds(2))
/// case .rateLimited(let resetAt, _): scheduleRetry(at: resetAt)
/// }
/// ```
public struct CodeHostResponse<Value: Sendable>: Sendable {
    /// What came back.
    public enum Content: Sendable {
        /// New content.
        case fresh(Value)
        /// The content still matches the `ifNoneMatch` ETag (HTTP 304; free on GitHub).
        case notModified
        /// The host is still computing statistics (GitHub 202); ask again later.
        case computing(retryAfter: Duration?)
        /// The request budget is spent (primary or secondary limit); wait until `resetAt` or
        /// for `retryAfter`.
        case rateLimited(resetAt: Instant?, retryAfter: Duration?)
    }

    public var content: Content
    /// The response's ETag, to send back as `ifNoneMatch` next time.
    public var etag: String?
    /// The request budget reported with the response.
    public var rateLimit: CodeHostRateLimit?

    public init(_ content: Content, etag: String? = nil, rateLimit: CodeHostRateLimit? = nil) {
        self.content = content
        self.etag = etag
        self.rateLimit = rateLimit
    }

    /// The new content, if any.
    public var value: Value? {
        if case .fresh(let value) = content { return value }
        return nil
    }

    /// The same response with its content transformed.
    public func map<Other: Sendable>(_ transform: (Value) throws -> Other) rethrows -> CodeHostResponse<Other> {
        let content: CodeHostResponse<Other>.Content =
            switch self.content {
            case .fresh(let value): .fresh(try transform(value))
            case .notModified: .notModified
            case .computing(let retryAfter): .computing(retryAfter: retryAfter)
            case .rateLimited(let resetAt, let retryAfter): .rateLimited(resetAt: resetAt, retryAfter: retryAfter)
            }
        return CodeHostResponse<Other>(content, etag: etag, rateLimit: rateLimit)
    }
}

extension CodeHostResponse.Content: Equatable where Value: Equatable {}
extension CodeHostResponse.Content: Hashable where Value: Hashable {}
extension CodeHostResponse: Equatable where Value: Equatable {}
extension CodeHostResponse: Hashable where Value: Hashable {}

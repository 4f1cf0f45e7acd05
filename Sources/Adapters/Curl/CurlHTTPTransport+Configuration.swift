extension CurlHTTPTransport {
    /// How a ``CurlHTTPTransport`` runs. Every setting has a default.
    ///
    /// ```swift
    /// let transport = CurlHTTPTransport(
    ///     configuration: .init(threads: 8, maxResponseBytes: 4 << 20),
    ///     logger: logger
    /// )
    /// ```
    public struct Configuration: Sendable, Hashable {
        /// The User-Agent sent when a request does not set its own.
        public static let defaultUserAgent = "portal/\(PortalCurlRelease.version)"

        /// Threads running transfers; also the most exchanges in flight at once (others queue).
        public var threads: Int
        /// The `User-Agent` header sent unless the request carries one.
        public var userAgent: String
        /// The limit for establishing a connection (DNS, TCP and TLS); the request's own timeout
        /// still bounds the whole exchange.
        public var connectTimeout: Duration
        /// The largest decoded response body accepted; a larger one fails with kind `other`.
        public var maxResponseBytes: Int

        /// Creates a configuration; every parameter has the documented default.
        public init(
            threads: Int = 4,
            userAgent: String = Configuration.defaultUserAgent,
            connectTimeout: Duration = .seconds(10),
            maxResponseBytes: Int = 32 << 20
        ) {
            self.threads = threads
            self.userAgent = userAgent
            self.connectTimeout = connectTimeout
            self.maxResponseBytes = maxResponseBytes
        }
    }
}

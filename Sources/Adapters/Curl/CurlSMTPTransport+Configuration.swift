extension CurlSMTPTransport {
    /// How a ``CurlSMTPTransport`` runs. Every setting has a default.
    public struct Configuration: Sendable, Hashable {
        /// Threads running SMTP sessions; also the most messages in flight at once (others queue).
        public var threads: Int
        /// The limit for establishing a connection (DNS, TCP, TLS and the greeting phase);
        /// ``SMTPServer/timeout`` still bounds the whole session.
        public var connectTimeout: Duration

        /// Creates a configuration; every parameter has the documented default.
        public init(threads: Int = 2, connectTimeout: Duration = .seconds(10)) {
            self.threads = threads
            self.connectTimeout = connectTimeout
        }
    }
}

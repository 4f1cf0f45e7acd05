import Logging
import PortalBlocking
import PortalKernel

/// The production ``HTTPTransport``: libcurl easy handles driven on a dedicated thread pool.
///
/// Each exchange runs on one of ``Configuration/threads`` threads with a reused easy handle,
/// so connections to the same host are kept alive between requests. Compressed responses are
/// decoded, HTTP 4xx and 5xx come back as responses, and only failures to get a complete
/// response throw ``TransportError``:
///
/// | libcurl code | kind |
/// |---|---|
/// | 6 | `resolve` |
/// | 7 | `connect` |
/// | 28 | `timeout` |
/// | 35, 51, 58, 60, 77, 83, 90, 91 | `tls` |
/// | 18, 52, 55, 56 | `broken` |
/// | 1, 3, or a URL that is not http(s) | `invalidRequest` |
/// | 63, or a body past ``Configuration/maxResponseBytes`` | `other` |
///
/// Cancelling the awaiting task aborts the transfer and throws `CancellationError`.
/// Logs carry the method, host, status and duration at `debug` level; never header values,
/// bodies, user info or query strings.
///
/// ```swift
/// let transport = CurlHTTPTransport(logger: Logger(label: "portal.http"))
/// let response = try await transport.send(HTTPRequest(url: "https://api.example.com/v1/ping"))
/// ```
public final class CurlHTTPTransport: HTTPTransport {
    /// The settings this transport was created with.
    public let configuration: Configuration
    private let logger: Logger
    private let pool: BlockingThreadPool
    private let handles = CurlHandlePool()

    /// Starts the transport's threads. libcurl itself is initialised on first use.
    public init(configuration: Configuration = Configuration(), logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.pool = BlockingThreadPool(name: "curl-http", threads: max(1, configuration.threads))
    }

    deinit {
        pool.shutdown()  // returns at once when shutdown() already ran
    }

    /// Lets transfers in progress finish and stops the transport's threads; later calls fail.
    public func shutdown() async {
        await pool.shutdownGracefully()
    }

    /// Sends `request` and returns the final response; throws ``TransportError`` (or
    /// `CancellationError`) when no complete response arrived.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let prepared = try PreparedHTTPRequest(request)
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let response = try await pool.runCancellable { [handles, configuration] cancellation in
                try handles.withHandle { handle in
                    try Self.transfer(prepared, configuration: configuration, handle: handle, cancellation: cancellation)
                }
            }
            logger.debug(
                "HTTP exchange finished",
                metadata: [
                    "http.method": "\(prepared.method)", "http.host": "\(prepared.authority)",
                    "http.status": "\(response.status)", "duration": "\(clock.now - started)",
                ]
            )
            return response
        } catch let error as TransportError {
            logger.debug(
                "HTTP exchange failed",
                metadata: [
                    "http.method": "\(prepared.method)", "http.host": "\(prepared.authority)",
                    "error.kind": "\(error.kind.rawValue)", "duration": "\(clock.now - started)",
                ]
            )
            throw error
        }
    }
}

import Logging
import PortalBlocking
import PortalKernel

/// The production ``SMTPTransport``: libcurl's SMTP client on a dedicated thread pool.
///
/// Security maps to libcurl as follows: ``SMTPServer/Security/startTLS`` uses `smtp://` with
/// `CURLOPT_USE_SSL = CURLUSESSL_ALL`, so the session fails (kind `tls`) when the server does not
/// offer STARTTLS; ``SMTPServer/Security/implicitTLS`` uses `smtps://`; ``SMTPServer/Security/none``
/// uses plain `smtp://`. Certificates are always verified.
///
/// Credentials are sent with `AUTH` (libcurl picks PLAIN or LOGIN from the server's `EHLO`
/// list). With security `.none` they are sent only to a loopback host (`localhost`, `127.x.y.z`,
/// `::1`), such as a local relay or a test sink; for any other host the send is refused with
/// kind `invalidRequest` before connecting, so a password never crosses a network in clear text.
///
/// Every envelope recipient gets a `RCPT TO`; the first refused recipient ends the session.
/// Failures are mapped with the server's last reply: a 5xx refusal of the sender, a recipient,
/// the credentials or the message throws kind `rejected` (not retryable); a 4xx reply throws kind
/// `other`, and network failures throw `resolve`, `connect`, `timeout`, `tls` or `broken`
/// (all retryable). Logs carry the host, port, security and recipient count at `debug` level;
/// never addresses, credentials or message bytes.
///
/// ```swift
/// let smtp = CurlSMTPTransport(logger: logger)
/// try await smtp.send(
///     message,
///     envelope: SMTPEnvelope(sender: "billing@agency.example", recipients: ["client@example.com"]),
///     via: SMTPServer(host: "smtp.example.com", port: 587, security: .startTLS, username: "u", password: "p")
/// )
/// ```
public final class CurlSMTPTransport: SMTPTransport {
    /// The settings this transport was created with.
    public let configuration: Configuration
    private let logger: Logger
    private let pool: BlockingThreadPool
    private let handles = CurlHandlePool()

    /// Starts the transport's threads. libcurl itself is initialised on first use.
    public init(configuration: Configuration = Configuration(), logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.pool = BlockingThreadPool(name: "curl-smtp", threads: max(1, configuration.threads))
    }

    deinit {
        pool.shutdown()  // returns at once when shutdown() already ran
    }

    /// Lets sessions in progress finish and stops the transport's threads; later calls fail.
    public func shutdown() async {
        await pool.shutdownGracefully()
    }

    /// Delivers `message` unchanged to every envelope recipient in one SMTP session; throws
    /// ``TransportError`` (or `CancellationError`) when the server did not accept it.
    public func send(_ message: [UInt8], envelope: SMTPEnvelope, via server: SMTPServer) async throws {
        let prepared = try PreparedSMTPSend(message: message, envelope: envelope, server: server)
        let metadata: Logger.Metadata = [
            "smtp.host": "\(server.host)", "smtp.port": "\(server.port)",
            "smtp.security": "\(server.security.rawValue)", "smtp.recipients": "\(envelope.recipients.count)",
        ]
        do {
            try await pool.runCancellable { [handles, configuration] cancellation in
                try handles.withHandle { handle in
                    try Self.transfer(prepared, configuration: configuration, handle: handle, cancellation: cancellation)
                }
            }
            logger.debug("SMTP message sent", metadata: metadata)
        } catch let error as TransportError {
            logger.debug(
                "SMTP send failed", metadata: metadata.merging(["error.kind": "\(error.kind.rawValue)"]) { $1 }
            )
            throw error
        }
    }
}

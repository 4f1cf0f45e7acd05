/// The SMTP transport port: hands one finished RFC 5322 message to a mail server.
///
/// The SMTP mailer plugin builds the message (headers, MIME parts, attachments) and calls this
/// port; the libcurl adapter speaks the protocol (EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA).
///
/// ## Implementation requirements
/// - Send the bytes as given (the adapter may dot-stuff, but must not rewrite headers).
/// - Deliver to every address in ``SMTPEnvelope/recipients`` (To, Cc and Bcc alike).
/// - With ``SMTPServer/Security/startTLS`` refuse to continue when the server does not offer
///   STARTTLS; never send credentials in clear text.
/// - Throw ``TransportError`` with kind `rejected` when the server refuses the sender, a
///   recipient or the message (a permanent 5xx reply), and a retryable kind otherwise.
public protocol SMTPTransport: Sendable {
    func send(_ message: [UInt8], envelope: SMTPEnvelope, via server: SMTPServer) async throws

    /// Lets sessions in progress finish, then releases threads and connections. The default does nothing.
    func shutdown() async
}

extension SMTPTransport {
    public func shutdown() async {}
}

/// Who a message is from and to, as told to the server (not the headers).
public struct SMTPEnvelope: Sendable, Hashable {
    /// The bounce address, e.g. `billing@agency.example`; empty for the null sender.
    public var sender: String
    /// Every recipient, including Bcc.
    public var recipients: [String]

    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }
}

/// How to reach a mail server.
public struct SMTPServer: Sendable, Hashable {
    public enum Security: String, Sendable, Hashable {
        /// Plain connection upgraded with STARTTLS, which is required (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case implicitTLS = "tls"
        /// No encryption; only for a local relay or a test sink.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name this client gives in EHLO.
    public var heloName: String?
    public var timeout: Duration

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
        heloName: String? = nil, timeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
    }
}

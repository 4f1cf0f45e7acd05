/// The ports plugins implement. A plugin implements exactly one.
public struct PortKind: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: PortKind, rhs: PortKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// ``Database``: where everything is stored. Exactly one is active.
    public static let storage = PortKind(rawValue: "storage")
    /// ``HTTPTransport``: outbound HTTP for the other plugins. Exactly one is active.
    public static let httpTransport = PortKind(rawValue: "http_transport")
    /// ``SMTPTransport``: hands finished messages to a mail server. Exactly one is active.
    public static let smtpTransport = PortKind(rawValue: "smtp_transport")
    /// ``SecretBox``: encrypts secrets at rest. Exactly one is active.
    public static let secretBox = PortKind(rawValue: "secret_box")
    /// ``PasswordHasher``: hashes sign-in passwords. Exactly one is active.
    public static let passwordHasher = PortKind(rawValue: "password_hasher")
    /// A payment gateway (card, wallet, bank transfer, debit order). Any number are active.
    public static let paymentGateway = PortKind(rawValue: "payment_gateway")
    /// A mailer (an email API or SMTP). At most one is active.
    public static let mailer = PortKind(rawValue: "mailer")
    /// A code host (GitHub, GitLab). Any number are active.
    public static let codeHost = PortKind(rawValue: "code_host")
    /// A document renderer (PDF). At most one is active.
    public static let documentRenderer = PortKind(rawValue: "document_renderer")
}

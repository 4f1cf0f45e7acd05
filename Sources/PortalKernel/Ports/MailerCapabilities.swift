/// What a mailer plugin can do, as data.
public struct MailerCapabilities: Sendable, Hashable, Codable {
    /// The plugin's configuration name (`"mailersend"`, `"smtp"`).
    public var name: String
    /// The name shown to people.
    public var displayName: String
    /// Whether ``Mailer/parseWebhook(_:account:)`` receives delivery events (MailerSend yes,
    /// plain SMTP no: bounces come back as mail to the envelope sender).
    public var receivesWebhooks: Bool
    /// Whether ``MailerMessage/tags`` reach the provider.
    public var supportsTags: Bool
    /// The most recipients (To + Cc + Bcc) per message, when limited (MailerSend: 50 To, 10 Cc, 10 Bcc).
    public var maximumRecipients: Int?
    /// The largest total attachment size in bytes, when limited.
    public var maximumAttachmentBytes: Int?

    public init(
        name: String, displayName: String, receivesWebhooks: Bool, supportsTags: Bool = false,
        maximumRecipients: Int? = nil, maximumAttachmentBytes: Int? = nil
    ) {
        self.name = name
        self.displayName = displayName
        self.receivesWebhooks = receivesWebhooks
        self.supportsTags = supportsTags
        self.maximumRecipients = maximumRecipients
        self.maximumAttachmentBytes = maximumAttachmentBytes
    }
}

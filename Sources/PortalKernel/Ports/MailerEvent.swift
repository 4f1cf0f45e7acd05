/// A delivery event a provider reported about a sent message, parsed by
/// ``Mailer/parseWebhook(_:account:)``.
///
/// Events refer to the message by ``providerMessageID`` (what ``MailerReceipt`` returned) and,
/// when the provider echoes custom headers, by ``messageKey``. Deliveries repeat: deduplicate on
/// ``providerEventID``.
public struct MailerEvent: Sendable, Hashable, Codable {
    /// What happened.
    ///
    /// | Kind | MailerSend type |
    /// |---|---|
    /// | `sent` | `activity.sent` |
    /// | `delivered` | `activity.delivered` |
    /// | `soft_bounced` | `activity.soft_bounced` |
    /// | `hard_bounced` | `activity.hard_bounced` |
    /// | `complained` | `activity.spam_complaint` |
    /// | `opened` | `activity.opened` |
    /// | `clicked` | `activity.clicked` |
    /// | `unsubscribed` | `activity.unsubscribed` |
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The provider handed the message to the recipient's server.
        case sent
        /// The recipient's server accepted it.
        case delivered
        /// Temporarily undeliverable (mailbox full, greylisting); the provider may retry.
        case softBounced = "soft_bounced"
        /// Permanently undeliverable (no such mailbox); stop sending to the address.
        case hardBounced = "hard_bounced"
        /// The recipient marked it as spam; stop sending to the address.
        case complained
        case opened
        /// The recipient followed a link; see ``MailerEvent/url``.
        case clicked
        case unsubscribed

        /// Whether the address should be suppressed from now on.
        public var suppressesRecipient: Bool {
            switch self {
            case .hardBounced, .complained, .unsubscribed: true
            case .sent, .delivered, .softBounced, .opened, .clicked: false
            }
        }
    }

    public var kind: Kind
    /// The provider's event type as received (`"activity.delivered"`), for logs.
    public var providerEventType: String
    /// The provider's id for the event, for deduplication.
    public var providerEventID: String?
    /// The provider's message id.
    public var providerMessageID: String?
    /// The kernel's ``MailerMessage/messageKey``, when the provider echoed it.
    public var messageKey: String?
    /// The recipient concerned.
    public var recipient: String?
    /// The bounce or complaint reason, when given.
    public var reason: String?
    /// The link followed, for `clicked`.
    public var url: String?
    /// When the provider says it happened.
    public var occurredAt: Instant?

    public init(
        kind: Kind, providerEventType: String, providerEventID: String? = nil, providerMessageID: String? = nil,
        messageKey: String? = nil, recipient: String? = nil, reason: String? = nil, url: String? = nil,
        occurredAt: Instant? = nil
    ) {
        self.kind = kind
        self.providerEventType = providerEventType
        self.providerEventID = providerEventID
        self.providerMessageID = providerMessageID
        self.messageKey = messageKey
        self.recipient = recipient
        self.reason = reason
        self.url = url
        self.occurredAt = occurredAt
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case kind, providerEventType, providerEventID = "providerEventId", providerMessageID = "providerMessageId"
        case messageKey, recipient, reason, url, occurredAt
    }
}

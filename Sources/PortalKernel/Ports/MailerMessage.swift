/// One email for a ``Mailer`` to send.
///
/// ``messageKey`` is the kernel's id for the message (its outbox row). Mailers put it where the
/// provider keeps it and webhooks echo it (an `X-Portal-Message-Key` header, the SMTP
/// `Message-ID`), because email APIs have no idempotency keys: the kernel records each send and
/// never hands the same key to ``Mailer/send(_:account:)`` after it was accepted.
///
/// ```swift
/// let message = MailerMessage(
///     messageKey: "msg-0192f0c4", from: MailerAddress("billing@agency.example", name: "Agency Billing"),
///     to: [MailerAddress("alice@client.example", name: "Alice Ndlovu")],
///     subject: "Invoice INV-0042", text: "Hi Alice, your invoice is attached.",
///     attachments: [MailerAttachment(filename: "INV-0042.pdf", contentType: "application/pdf", content: pdf)],
///     tags: ["invoice"])
/// ```
public struct MailerMessage: Sendable, Hashable, Codable {
    /// The kernel's key for this message (same rules as ``PaymentGatewayRequest/idempotencyKey``).
    public var messageKey: String
    public var from: MailerAddress
    public var to: [MailerAddress]
    public var cc: [MailerAddress]
    /// Recipients who receive the message without appearing in its headers.
    public var bcc: [MailerAddress]
    public var replyTo: MailerAddress?
    public var subject: String
    /// The plain-text body.
    public var text: String?
    /// The HTML body.
    public var html: String?
    public var attachments: [MailerAttachment]
    /// Extra headers, in order (`List-Unsubscribe`, `X-Entity-Ref-ID`).
    public var headers: [MailerHeader]
    /// Labels for the provider's statistics (MailerSend `tags`); ignored by plain SMTP.
    public var tags: [String]

    public init(
        messageKey: String, from: MailerAddress, to: [MailerAddress], cc: [MailerAddress] = [], bcc: [MailerAddress] = [],
        replyTo: MailerAddress? = nil, subject: String, text: String? = nil, html: String? = nil,
        attachments: [MailerAttachment] = [], headers: [MailerHeader] = [], tags: [String] = []
    ) {
        self.messageKey = messageKey
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.headers = headers
        self.tags = tags
    }

    /// Every recipient: To, Cc and Bcc (what an SMTP envelope lists).
    public var allRecipients: [MailerAddress] { to + cc + bcc }

    /// Headers a mailer writes itself; ``headers`` may not contain them.
    public static let reservedHeaderNames: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version",
        "content-type", "content-transfer-encoding",
    ]

    /// Checks what every mailer relies on: a valid key and addresses, at least one `To`
    /// recipient, a text or HTML body, no line breaks in the subject, and custom headers that
    /// are well formed and not reserved.
    /// - Throws: ``PortalError`` `invalid` naming the field (`"to[1]"`, `"headers[0]"`).
    public func validate() throws {
        try KernelKeyFormat.validate(messageKey, field: "message_key")
        try from.validate(field: "from")
        guard !to.isEmpty else { throw PortalError.invalid("A message needs at least one recipient.", field: "to") }
        for (list, addresses) in [("to", to), ("cc", cc), ("bcc", bcc)] {
            for (index, address) in addresses.enumerated() { try address.validate(field: "\(list)[\(index)]") }
        }
        try replyTo?.validate(field: "reply_to")
        guard !subject.contains(where: \.isNewline) else {
            throw PortalError.invalid("The subject cannot contain line breaks.", field: "subject")
        }
        guard !(text ?? "").isEmpty || !(html ?? "").isEmpty else {
            throw PortalError.invalid("A message needs a text or an HTML body.", field: "text")
        }
        for (index, header) in headers.enumerated() {
            try header.validate(field: "headers[\(index)]")
            guard !Self.reservedHeaderNames.contains(header.name.lowercased()) else {
                throw PortalError.invalid("'\(header.name)' is set by the mailer itself.", field: "headers[\(index)]")
            }
        }
        for (index, attachment) in attachments.enumerated() where attachment.filename.isEmpty {
            throw PortalError.invalid("An attachment needs a file name.", field: "attachments[\(index)].filename")
        }
    }
}

/// A custom message header.
public struct MailerHeader: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Checks the name is printable ASCII without `:` or spaces and the value has no line breaks.
    public func validate(field: String) throws {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 58 }) else {
            throw PortalError.invalid("A header name is printable ASCII without spaces or ':'.", field: field)
        }
        guard !value.contains(where: \.isNewline) else {
            throw PortalError.invalid("A header value cannot contain line breaks.", field: field)
        }
    }
}

/// The outcome of ``Mailer/send(_:account:)`` when the provider answered.
///
/// ```swift
/// switch try await mailer.send(message, account: account) {
/// case .accepted(let receipt): outbox.markSent(message.messageKey, providerID: receipt.providerMessageID)
/// case .failed(let failure) where failure.isRetryable: outbox.retry(message.messageKey, after: failure.retryAfter)
/// case .failed(let failure): outbox.markRejected(message.messageKey, errors: failure.fieldErrors)
/// }
/// ```
public enum MailerResult: Sendable, Hashable, Codable {
    /// The provider took the message for delivery.
    case accepted(MailerReceipt)
    /// The provider did not take it; see whether trying again may help.
    case failed(MailerFailure)

    /// The provider's message id, when accepted.
    public var providerMessageID: String? {
        if case .accepted(let receipt) = self { return receipt.providerMessageID }
        return nil
    }
}

/// A provider's acknowledgement of an accepted message.
public struct MailerReceipt: Sendable, Hashable, Codable {
    /// The provider's id for the message (MailerSend `X-Message-Id`, the SMTP `Message-ID`), which
    /// delivery events refer to.
    public var providerMessageID: String
    /// Recipients the provider accepted but will not deliver to (on its suppression list).
    public var suppressedRecipients: [String]

    public init(providerMessageID: String, suppressedRecipients: [String] = []) {
        self.providerMessageID = providerMessageID
        self.suppressedRecipients = suppressedRecipients
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case providerMessageID = "providerMessageId", suppressedRecipients
    }
}

/// Why a provider did not accept a message, classified for the outbox.
///
/// | Provider answer | ``Kind`` |
/// |---|---|
/// | MailerSend 429 (`Retry-After`), 5xx, 408 | `retryable` (with ``retryAfter`` when given) |
/// | MailerSend 422 `{"errors":{"to.0.email":[…]}}`, 400, 413 | `permanent` with ``fieldErrors`` |
/// | SMTP 4xx reply | `retryable` |
/// | SMTP 5xx reply (``TransportError/Kind/rejected``) | `permanent` |
public struct MailerFailure: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Sending again later may succeed.
        case retryable
        /// The message will never be accepted as it is.
        case permanent
    }

    public var kind: Kind
    /// A summary safe to show to staff.
    public var message: String
    /// How long the provider asked to wait, when it said.
    public var retryAfter: Duration?
    /// Problems per field, keyed by the provider's path into the message (`"from.email"`,
    /// `"to.0.email"`).
    public var fieldErrors: [String: [String]]
    /// The provider's status or code (`"422"`, `"#MS42207"`, `"550"`).
    public var providerCode: String?

    public init(
        _ kind: Kind, message: String, retryAfter: Duration? = nil, fieldErrors: [String: [String]] = [:],
        providerCode: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
        self.fieldErrors = fieldErrors
        self.providerCode = providerCode
    }

    /// A failure worth retrying, optionally after `retryAfter`.
    public static func retryable(_ message: String, retryAfter: Duration? = nil, providerCode: String? = nil) -> MailerFailure {
        MailerFailure(.retryable, message: message, retryAfter: retryAfter, providerCode: providerCode)
    }

    /// A permanent rejection, with per-field errors when the provider gave them.
    public static func permanent(
        _ message: String, fieldErrors: [String: [String]] = [:], providerCode: String? = nil
    ) -> MailerFailure {
        MailerFailure(.permanent, message: message, fieldErrors: fieldErrors, providerCode: providerCode)
    }

    public var isRetryable: Bool { kind == .retryable }

    public var description: String {
        var text = "\(kind.rawValue): \(message)"
        if let providerCode { text += " [\(providerCode)]" }
        if !fieldErrors.isEmpty { text += " fields: \(fieldErrors.keys.sorted().joined(separator: ", "))" }
        return text
    }
}

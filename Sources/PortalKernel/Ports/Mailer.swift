/// The mailer port: how the kernel sends email (invoices, reminders, portal invitations) through
/// an email API such as MailerSend, or through SMTP over the kernel's ``SMTPTransport``.
///
/// - ``send(_:account:)`` sends one ``MailerMessage`` and returns the provider's message id
///   or a classified ``MailerFailure``.
/// - ``webhookVerification(for:)`` and ``parseWebhook(_:account:)`` turn delivery webhooks into
///   ``MailerEvent``s (delivered, bounced, complained, opened, clicked, unsubscribed).
///
/// ## Implementation requirements
/// - Call ``MailerMessage/validate()`` first; send the message as given: every To, Cc and Bcc
///   recipient (Bcc never in headers), text and/or HTML, attachments (inline ones with their
///   Content-ID), custom headers and, where supported, tags.
/// - Email APIs have no idempotency keys, so a mailer sends exactly once per call and never
///   retries a send whose outcome it does not know; the kernel's outbox decides. Carry
///   ``MailerMessage/messageKey`` to the provider (SMTP: in the `Message-ID`; APIs: an
///   `X-Portal-Message-Key` header) so events can be tied back.
/// - When the provider answers, return a ``MailerResult``: `.accepted` with its message id, or
///   `.failed` classified as retryable (rate limit with `Retry-After`, 5xx, SMTP 4xx) or
///   permanent (validation errors per field, SMTP 5xx). Throw only when the provider could not
///   be asked (let ``TransportError`` propagate) or refused the credentials (``PortalError``
///   `unavailable`).
/// - Verify webhooks over the raw body before parsing (``WebhookSignature/verifyMailerSend(header:body:secret:)``);
///   a failed check throws ``PortalError`` `unauthenticated`. Return an empty array for event
///   types the mailer does not map.
/// - Never log message bodies, attachments, recipients' addresses or credentials.
///
/// A sample conformance that hands messages to a closure (as a test double would):
/// ```swift
/// struct ClosureMailer: Mailer {
///     let capabilities = MailerCapabilities(name: "closure", displayName: "Closure", receivesWebhooks: false)
///     let deliver: @Sendable (MailerMessage) async throws -> Void
///
///     func send(_ message: MailerMessage, account: ProviderAccount) async throws -> MailerResult {
///         do { try message.validate() } catch let error as PortalError {
///             return .failed(.permanent(error.message, fieldErrors: [error.field ?? "message": [error.message]]))
///         }
///         try await deliver(message)
///         return .accepted(MailerReceipt(providerMessageID: "<\(message.messageKey)@closure.test>"))
///     }
/// }
/// ```
public protocol Mailer: Sendable {
    /// What the mailer can do.
    var capabilities: MailerCapabilities { get }

    /// Sends one message.
    func send(_ message: MailerMessage, account: ProviderAccount) async throws -> MailerResult

    /// How deliveries like `request` are verified. Must not do I/O. Defaults to ``WebhookVerification/offline``.
    func webhookVerification(for request: WebhookRequest) -> WebhookVerification

    /// Verifies a delivery-event webhook and turns it into events. The default implementation
    /// throws ``PortalError`` `invalid`, for mailers that receive no webhooks.
    func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [MailerEvent]
}

extension Mailer {
    public func webhookVerification(for request: WebhookRequest) -> WebhookVerification { .offline }

    public func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [MailerEvent] {
        throw PortalError.invalid("\(capabilities.displayName) does not receive webhooks.", field: "mailer")
    }
}

/// The email outbox: messages are enqueued as jobs in the transaction that causes them and sent
/// by ``OutgoingEmailHandler`` through the configured ``Mailer``, with retries, so an email is
/// neither lost when the provider is down nor sent for a change that rolled back.
///
/// Message bodies often hold single-use links, so the queued copy is sealed with the
/// ``SecretBox``; the job table never holds them in clear.
public enum OutgoingEmail {
    /// The job kind.
    public static let jobKind = "email.send"

    /// Enqueues `message` on `connection` (the caller's transaction).
    public static func enqueue(
        _ message: MailerMessage, tenant: TenantID?, secretBox: any SecretBox, jobs: JobQueue, on connection: any SQLConnection
    ) throws {
        let plaintext = try JSONCoding.encode(message)
        let sealed = try secretBox.seal(plaintext, context: sealingContext)
        let payload = SealedEmail(message: sealed.text, messageKey: message.messageKey)
        try jobs.enqueue(
            try NewJob(kind: jobKind, payload: payload, tenantID: tenant, dedupeKey: message.messageKey), on: connection)
    }

    static let sealingContext = "outbox:email"
}

/// A queued email: the sealed message and its idempotency key.
struct SealedEmail: Codable {
    var message: String
    var messageKey: String
}

/// Sends queued emails through the configured mailer. Without one the job fails and stays
/// queued for retries, then dead; `portal-cli jobs retry` resends once a mailer is configured.
public struct OutgoingEmailHandler: JobHandler {
    public let kind = OutgoingEmail.jobKind
    let mailer: (any Mailer)?
    let secretBox: any SecretBox

    public init(mailer: (any Mailer)?, secretBox: any SecretBox) {
        self.mailer = mailer
        self.secretBox = secretBox
    }

    public func run(_ job: Job, context: JobContext) async throws {
        let queued: SealedEmail = try job.decodePayload()
        guard let mailer else {
            throw PortalError.unavailable("No mailer plugin is enabled; the email waits in the queue.")
        }
        let plaintext: [UInt8]
        do {
            plaintext = try secretBox.open(try SealedSecret(parsing: queued.message, field: "message"), context: OutgoingEmail.sealingContext)
        } catch {
            throw PermanentJobFailure("The queued email cannot be opened with the current keys.")
        }
        let message = try JSONCoding.decode(MailerMessage.self, from: plaintext)
        let account = ProviderAccount(id: "", tenantID: job.tenantID)
        _ = try await mailer.send(message, account: account)
    }
}

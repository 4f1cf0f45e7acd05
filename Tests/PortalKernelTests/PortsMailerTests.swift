import PortalKernel
import Testing

/// An SMTP-style mailer over the kernel's SMTPTransport port, with a scripted transport.
private struct FakeSMTPMailer: Mailer {
    let capabilities = MailerCapabilities(name: "smtp", displayName: "SMTP", receivesWebhooks: false)
    let transport: any SMTPTransport

    func send(_ message: MailerMessage, account: ProviderAccount) async throws -> MailerResult {
        try message.validate()
        let messageID = "<\(message.messageKey)@portal.test>"
        let bytes = Array("Message-ID: \(messageID)\r\nSubject: \(message.subject)\r\n\r\n\(message.text ?? "")".utf8)
        let envelope = SMTPEnvelope(sender: message.from.email, recipients: message.allRecipients.map(\.email))
        do {
            try await transport.send(bytes, envelope: envelope, via: SMTPServer(host: "127.0.0.1", port: 2525, security: .none))
        } catch let error as TransportError where error.kind == .rejected {
            return .failed(.permanent(error.message, providerCode: "550"))
        }
        return .accepted(MailerReceipt(providerMessageID: messageID))
    }
}

private struct ScriptedSMTPTransport: SMTPTransport {
    let failure: TransportError?
    func send(_ message: [UInt8], envelope: SMTPEnvelope, via server: SMTPServer) async throws {
        if let failure { throw failure }
    }
}

/// A MailerSend-style mailer: HTTP status classification and signed delivery webhooks.
private struct FakeAPIMailer: Mailer {
    let capabilities = MailerCapabilities(
        name: "fakeapi", displayName: "Fake API", receivesWebhooks: true, supportsTags: true, maximumRecipients: 50)
    let status: Int

    func send(_ message: MailerMessage, account: ProviderAccount) async throws -> MailerResult {
        switch status {
        case 202: return .accepted(MailerReceipt(providerMessageID: "5f1e0d0c0b0a090807060504"))
        case 429: return .failed(.retryable("Too Many Attempts.", retryAfter: .seconds(30), providerCode: "429"))
        default:
            return .failed(
                .permanent(
                    "The given data was invalid.",
                    fieldErrors: ["from.email": ["The from.email domain must be verified. #MS42207"]], providerCode: "422"))
        }
    }

    func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [MailerEvent] {
        try WebhookSignature.verifyMailerSend(
            header: request.header("Signature"), body: request.body, secret: try account.secret("signing_secret"))
        guard request.bodyText.contains("activity.hard_bounced") else { return [] }
        return [
            MailerEvent(
                kind: .hardBounced, providerEventType: "activity.hard_bounced", providerEventID: "a1",
                providerMessageID: "5f1e0d0c0b0a090807060504", recipient: "alice@example.test")
        ]
    }
}

@Suite("Mailer port")
struct PortsMailerTests {
    let message = MailerMessage(
        messageKey: "msg-1", from: MailerAddress("shop@verified.test", name: "Shop"),
        to: [MailerAddress("alice@example.test", name: "Łucja Ångström")], bcc: [MailerAddress("audit@example.test")],
        subject: "Invoice 7", text: "Hi", html: "<p>Hi</p><img src=\"cid:logo\">",
        attachments: [
            MailerAttachment(filename: "faktura łódź.pdf", contentType: "application/pdf", content: Array("%PDF-1.4\n%test\n".utf8)),
            MailerAttachment(filename: "logo.png", contentType: "image/png", content: [0x89, 0x50], contentID: "logo"),
        ],
        headers: [MailerHeader("List-Unsubscribe", "<mailto:unsubscribe@verified.test>")], tags: ["invoice"])

    @Test("SMTP: accepted gives a message id; a 5xx rejection is a permanent failure value; no connection throws")
    func smtp() async throws {
        let accepted = try await FakeSMTPMailer(transport: ScriptedSMTPTransport(failure: nil)).send(message, account: .default)
        #expect(accepted.providerMessageID == "<msg-1@portal.test>")
        let refusing = FakeSMTPMailer(transport: ScriptedSMTPTransport(failure: TransportError(.rejected, "550 5.1.1 no such user")))
        let rejected = try await refusing.send(message, account: .default)
        guard case .failed(let failure) = rejected else { Issue.record("got \(rejected)"); return }
        #expect(failure.kind == .permanent && !failure.isRetryable)
        let unreachable = FakeSMTPMailer(transport: ScriptedSMTPTransport(failure: TransportError(.connect, "refused")))
        await #expect(throws: TransportError.self) { try await unreachable.send(message, account: .default) }
    }

    @Test("API: 429 is retryable with retry-after; 422 is permanent with per-field errors")
    func classification() async throws {
        guard case .failed(let retry) = try await FakeAPIMailer(status: 429).send(message, account: .default) else {
            Issue.record("expected a failure")
            return
        }
        #expect(retry.isRetryable && retry.retryAfter == .seconds(30))
        guard case .failed(let invalid) = try await FakeAPIMailer(status: 422).send(message, account: .default) else {
            Issue.record("expected a failure")
            return
        }
        #expect(invalid.kind == .permanent)
        #expect(invalid.fieldErrors["from.email"]?.first?.hasSuffix("#MS42207") == true)
        #expect(invalid.description.contains("from.email"))
    }

    @Test("webhooks: a signed hard bounce parses and suppresses the recipient; a bad signature is refused")
    func webhooks() async throws {
        let mailer = FakeAPIMailer(status: 202)
        let account = ProviderAccount(id: "ms", secrets: ["signing_secret": Secret("ms_signing_secret")])
        let body = Array(#"{"type":"activity.hard_bounced","data":{"id":"a1"}}"#.utf8)
        let signature = WebhookSignature.mailerSendHeader(body: body, secret: Secret("ms_signing_secret"))
        let delivery = WebhookRequest(body: body, headers: ["Signature": signature], receivedAt: Instant(secondsSinceEpoch: 0))
        let events = try await mailer.parseWebhook(delivery, account: account)
        #expect(events.map(\.kind) == [.hardBounced])
        #expect(events[0].kind.suppressesRecipient)
        let forged = WebhookRequest(
            body: body, headers: ["Signature": String(repeating: "0", count: 64)], receivedAt: delivery.receivedAt)
        await #expect(throws: PortalError.self) { try await mailer.parseWebhook(forged, account: account) }
        let smtp = FakeSMTPMailer(transport: ScriptedSMTPTransport(failure: nil))
        await #expect(throws: PortalError.self) { try await smtp.parseWebhook(delivery, account: account) }
    }

    @Test("message validation names the field")
    func validation() throws {
        try message.validate()
        var cases: [(MailerMessage, String)] = []
        var noRecipient = message
        noRecipient.to = []
        cases.append((noRecipient, "to"))
        var badCc = message
        badCc.cc = [MailerAddress("not-an-address")]
        cases.append((badCc, "cc[0]"))
        var noBody = message
        noBody.text = nil
        noBody.html = ""
        cases.append((noBody, "text"))
        var injected = message
        injected.subject = "Hi\r\nBcc: victim@example.test"
        cases.append((injected, "subject"))
        var reserved = message
        reserved.headers = [MailerHeader("Subject", "x")]
        cases.append((reserved, "headers[0]"))
        var badKey = message
        badKey.messageKey = "has space"
        cases.append((badKey, "message_key"))
        for (candidate, field) in cases {
            let error = #expect(throws: PortalError.self) { try candidate.validate() }
            #expect(error?.field == field)
        }
    }

    @Test("attachments describe themselves without content and know when they are inline")
    func attachments() {
        #expect(!message.attachments[0].isInline && message.attachments[1].isInline)
        #expect(message.attachments[0].description == "MailerAttachment(faktura łódź.pdf, application/pdf, 15 bytes)")
        #expect(message.allRecipients.map(\.email) == ["alice@example.test", "audit@example.test"])
    }
}

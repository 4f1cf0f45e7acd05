import PortalCurl
import PortalKernel
import PortalTesting
import Testing

/// The SMTP transport against ``SMTPSink``: envelopes, bytes, AUTH and refusals.
@Suite("CurlSMTPTransport")
struct CurlSMTPTransportTests {
    let transport = CurlSMTPTransport(logger: TestSupport.logger)

    /// To and Cc appear in the headers; the Bcc recipient only in the envelope.
    static let message = Array(
        [
            "From: Shop <shop@example.test>",
            "To: <alice@example.test>",
            "Cc: <bob@example.test>",
            "Subject: Invoice 7",
            "Date: Thu, 01 Jan 2026 00:00:00 +0000",
            "Message-ID: <7@example.test>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Hello.",
            ".leading dot line",
            "..two dots",
            ".",
            "Bye.",
            "",
        ].joined(separator: "\r\n").utf8
    )
    static let envelope = SMTPEnvelope(
        sender: "billing@example.test",
        recipients: ["alice@example.test", "bob@example.test", "carol@example.test"]
    )

    @Test func deliversTheExactBytesToEveryRecipientWithAuth() async throws {
        let sink = try SMTPSink(credentials: ["mailer": "s3cret"])
        defer { sink.stop() }

        try await transport.send(
            Self.message, envelope: Self.envelope,
            via: sink.server(username: "mailer", password: "s3cret", heloName: "portal.example.test")
        )

        let delivered = try #require(sink.messages.first)
        #expect(sink.messages.count == 1)
        #expect(delivered.sender == "billing@example.test")
        #expect(delivered.recipients == ["alice@example.test", "bob@example.test", "carol@example.test"])
        #expect(delivered.data == Self.message)
        #expect(!delivered.text.contains("carol"))
        #expect(delivered.authenticatedUser == "mailer")
        #expect(delivered.clientName == "portal.example.test")
    }

    @Test func sendsSeveralMessagesInARowOverFreshOrReusedSessions() async throws {
        let sink = try SMTPSink(credentials: ["a": "1", "b": "2"])
        defer { sink.stop() }
        let transport = CurlSMTPTransport(configuration: .init(threads: 1), logger: TestSupport.logger)
        let sends: [(user: String, password: String, helo: String?)] = [
            ("a", "1", nil), ("a", "1", nil), ("b", "2", nil), ("a", "1", "other.example.test"),
        ]

        for (index, send) in sends.enumerated() {
            let envelope = SMTPEnvelope(sender: "", recipients: ["r\(index)@example.test"])
            let server = sink.server(username: send.user, password: send.password, heloName: send.helo)
            try await transport.send(Self.message, envelope: envelope, via: server)
        }

        let messages = sink.messages
        #expect(messages.map(\.recipients) == (0..<4).map { ["r\($0)@example.test"] })
        #expect(messages.allSatisfy { $0.sender.isEmpty })
        // A session is never reused for other credentials or another EHLO name.
        #expect(messages.map(\.authenticatedUser) == ["a", "a", "b", "a"])
        #expect(messages.last?.clientName == "other.example.test")
    }

    @Test func refusedRecipientIsRejected() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        sink.rejectRecipient("bob@example.test")

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(Self.message, envelope: Self.envelope, via: sink.server())
        }

        #expect(error?.kind == .rejected)
        #expect(error?.isRetryable == false)
        #expect(error?.message.contains("bob@example.test") == false)
        #expect(sink.messages.isEmpty)
    }

    @Test func temporarilyRefusedRecipientIsRetryable() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        sink.rejectRecipient("alice@example.test", code: 451)

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(Self.message, envelope: Self.envelope, via: sink.server())
        }

        #expect(error?.kind != .rejected)
        #expect(error?.isRetryable == true)
    }

    @Test func refusedMessageIsRejected() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        sink.rejectMessages(code: 554)

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(Self.message, envelope: Self.envelope, via: sink.server())
        }

        #expect(error?.kind == .rejected)
        #expect(sink.messages.isEmpty)
    }

    @Test func wrongPasswordIsRejected() async throws {
        let sink = try SMTPSink(credentials: ["mailer": "s3cret"])
        defer { sink.stop() }

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(
                Self.message, envelope: Self.envelope, via: sink.server(username: "mailer", password: "wrong")
            )
        }

        #expect(error?.kind == .rejected)
        #expect(error.map { "\($0)".contains("wrong") } == false)
        #expect(sink.messages.isEmpty)
    }

    @Test func nothingListeningIsAConnectFailure() async throws {
        let server = SMTPServer(host: "127.0.0.1", port: 1, security: .none, timeout: .seconds(5))

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(Self.message, envelope: Self.envelope, via: server)
        }

        #expect(error?.kind == .connect)
        #expect(error?.isRetryable == true)
    }

    @Test func startTLSIsRequiredWhenAsked() async throws {
        let sink = try SMTPSink()  // advertises no STARTTLS
        defer { sink.stop() }
        let server = SMTPServer(host: sink.host, port: sink.port, security: .startTLS, username: "u", password: "p")

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(Self.message, envelope: Self.envelope, via: server)
        }

        #expect(error?.kind == .tls)
        #expect(sink.messages.isEmpty)
    }

    @Test func credentialsAreNotSentInClearToARemoteHost() async throws {
        let server = SMTPServer(host: "mail.portal-test.invalid", port: 25, security: .none, username: "u", password: "p")

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(Self.message, envelope: Self.envelope, via: server)
        }

        #expect(error?.kind == .invalidRequest)
    }

    @Test func malformedEnvelopesAreInvalidRequests() async throws {
        let server = SMTPServer(host: "127.0.0.1", port: 1, security: .none)
        let envelopes = [
            SMTPEnvelope(sender: "a@example.test", recipients: []),
            SMTPEnvelope(sender: "a@example.test\r\nRCPT TO:<x@y>", recipients: ["b@example.test"]),
            SMTPEnvelope(sender: "a@example.test", recipients: ["<b@example.test>"]),
        ]
        for envelope in envelopes {
            let error = await #expect(throws: TransportError.self) {
                try await transport.send(Self.message, envelope: envelope, via: server)
            }
            #expect(error?.kind == .invalidRequest)
        }
    }
}

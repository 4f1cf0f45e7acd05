import Foundation
import PortalKernel

/// A fake mail server on `127.0.0.1` that speaks enough of RFC 5321 for libcurl and records
/// every message it accepts.
///
/// It greets with `220`, answers `EHLO` with a multi-line `250` advertising `AUTH PLAIN LOGIN`,
/// `SIZE` and `8BITMIME` (and no `STARTTLS`, so it is only reachable with security `.none`),
/// and handles `HELO`, `AUTH PLAIN`, `AUTH LOGIN`, `MAIL FROM`, `RCPT TO`, `DATA` (removing dot
/// stuffing), `RSET`, `NOOP`, `VRFY` and `QUIT`. Several transactions may share one connection.
///
/// ```swift
/// let sink = try SMTPSink(credentials: ["mailer": "secret"])
/// defer { sink.stop() }
/// sink.rejectRecipient("nobody@example.test")            // 550 for this RCPT TO
/// try await transport.send(bytes, envelope: envelope, via: sink.server(username: "mailer", password: "secret"))
/// #expect(sink.messages.first?.recipients == ["alice@example.test"])
/// ```
public final class SMTPSink: Sendable {
    /// A message the sink accepted.
    public struct Message: Sendable, Hashable {
        /// The `MAIL FROM` address (empty for the null sender).
        public var sender: String
        /// Every accepted `RCPT TO` address, in order.
        public var recipients: [String]
        /// The message as transmitted, dot stuffing removed; lines end in CRLF.
        public var data: [UInt8]
        /// The user that authenticated on the connection, if any.
        public var authenticatedUser: String?
        /// The name the client gave in `EHLO`/`HELO`.
        public var clientName: String?

        /// Creates a message record (the sink makes these; tests may build them to compare).
        public init(
            sender: String, recipients: [String], data: [UInt8], authenticatedUser: String? = nil, clientName: String? = nil
        ) {
            self.sender = sender
            self.recipients = recipients
            self.data = data
            self.authenticatedUser = authenticatedUser
            self.clientName = clientName
        }

        /// ``data`` decoded as UTF-8.
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// What the sink has recorded and how it is told to answer.
    struct Script {
        var credentials: [String: String]?
        var rejectedRecipients: [String: Int] = [:]
        var messageRejection: Int?
        var messages: [Message] = []
    }

    /// The host to connect to: `127.0.0.1`.
    public let host = "127.0.0.1"
    /// The port the sink listens on (chosen by the OS).
    public let port: Int
    private let listener: LoopbackListener
    private let script: LoopbackLocked<Script>

    /// Starts listening on `127.0.0.1` with an OS-assigned port.
    /// - Parameter credentials: Accepted user names and their passwords. When given, `MAIL FROM`
    ///   requires a successful `AUTH` and wrong credentials get `535`; when `nil`, any `AUTH` is
    ///   accepted and none is required.
    public init(credentials: [String: String]? = nil) throws {
        let script = LoopbackLocked(Script(credentials: credentials))
        self.script = script
        listener = try LoopbackListener(name: "smtp-sink") { connection, _ in
            var session = SMTPSinkSession(connection: connection, script: script)
            session.run()
        }
        port = listener.port
    }

    deinit {
        listener.stop()
    }

    /// Every message accepted so far, in order.
    public var messages: [Message] { script.withLock { $0.messages } }

    /// Answers `RCPT TO` for `address` (compared case-insensitively) with `code` (e.g. 550, or 451
    /// for a temporary refusal).
    public func rejectRecipient(_ address: String, code: Int = 550) {
        script.withLock { $0.rejectedRecipients[address.lowercased()] = code }
    }

    /// Answers the end of every message's `DATA` with `code` (e.g. 554) instead of accepting it;
    /// `nil` accepts messages again.
    public func rejectMessages(code: Int? = 554) {
        script.withLock { $0.messageRejection = code }
    }

    /// An ``SMTPServer`` pointing at this sink with security `.none`.
    public func server(
        username: String? = nil, password: String? = nil, heloName: String? = nil, timeout: Duration = .seconds(10)
    ) -> SMTPServer {
        SMTPServer(
            host: host, port: port, security: .none, username: username, password: password,
            heloName: heloName, timeout: timeout
        )
    }

    /// Stops accepting, closes open connections and waits for the sink's threads to finish.
    /// Safe to call more than once.
    public func stop() {
        listener.stop()
    }
}

/// One client connection to an ``SMTPSink``: the command loop and its transaction state.
private struct SMTPSinkSession {
    let connection: LoopbackConnection
    let script: LoopbackLocked<SMTPSink.Script>
    var clientName: String?
    var user: String?
    var sender: String?
    var recipients: [String] = []

    init(connection: LoopbackConnection, script: LoopbackLocked<SMTPSink.Script>) {
        self.connection = connection
        self.script = script
    }

    mutating func run() {
        guard reply("220 portal-sink ESMTP ready") else { return }
        while let line = connection.readLine(limit: 64 << 10) {
            let text = String(decoding: line, as: UTF8.self)
            let verb = text.prefix { $0 != " " }.uppercased()
            let argument = text.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
            let keepGoing: Bool
            switch verb {
            case "EHLO":
                clientName = argument
                resetTransaction()
                keepGoing = reply("250-portal-sink greets \(argument)\r\n250-AUTH PLAIN LOGIN\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250 HELP")
            case "HELO":
                clientName = argument
                resetTransaction()
                keepGoing = reply("250 portal-sink")
            case "AUTH": keepGoing = authenticate(argument)
            case "MAIL": keepGoing = mail(argument)
            case "RCPT": keepGoing = recipient(argument)
            case "DATA": keepGoing = data()
            case "RSET":
                resetTransaction()
                keepGoing = reply("250 2.0.0 OK")
            case "NOOP": keepGoing = reply("250 2.0.0 OK")
            case "VRFY": keepGoing = reply("252 2.1.5 cannot verify, will attempt delivery")
            case "QUIT":
                _ = reply("221 2.0.0 bye")
                return
            default: keepGoing = reply("502 5.5.2 command not recognised")
            }
            if !keepGoing { return }
        }
    }

    private mutating func resetTransaction() {
        sender = nil
        recipients = []
    }

    private mutating func authenticate(_ argument: String) -> Bool {
        let words = argument.split(separator: " ").map(String.init)
        let mechanism = words.first?.uppercased() ?? ""
        guard user == nil else { return reply("503 5.5.1 already authenticated") }
        let name: String
        let password: String
        switch mechanism {
        case "PLAIN":
            guard let response = words.count > 1 ? words[1] : challenge("") else { return false }
            let parts = Self.decode(response)?.split(separator: 0, omittingEmptySubsequences: false) ?? []
            guard parts.count == 3 else { return reply("501 5.5.2 malformed AUTH PLAIN response") }
            name = String(decoding: parts[1], as: UTF8.self)
            password = String(decoding: parts[2], as: UTF8.self)
        case "LOGIN":
            guard let encodedName = words.count > 1 ? words[1] : challenge("VXNlcm5hbWU6"),
                let encodedPassword = challenge("UGFzc3dvcmQ6")
            else { return false }
            guard let nameBytes = Self.decode(encodedName), let passwordBytes = Self.decode(encodedPassword) else {
                return reply("501 5.5.2 malformed AUTH LOGIN response")
            }
            name = String(decoding: nameBytes, as: UTF8.self)
            password = String(decoding: passwordBytes, as: UTF8.self)
        default:
            return reply("504 5.5.4 mechanism not supported")
        }
        let accepted = script.withLock { $0.credentials.map { $0[name] == password } ?? true }
        guard accepted else { return reply("535 5.7.8 authentication credentials invalid") }
        user = name
        return reply("235 2.7.0 authentication successful")
    }

    /// Sends a `334` challenge and returns the client's answer (`nil` if the connection ended).
    private func challenge(_ prompt: String) -> String? {
        guard reply("334 \(prompt)"), let line = connection.readLine(limit: 16 << 10) else { return nil }
        return String(decoding: line, as: UTF8.self)
    }

    private mutating func mail(_ argument: String) -> Bool {
        guard let address = Self.address(in: argument, after: "FROM:") else {
            return reply("501 5.5.4 syntax: MAIL FROM:<address>")
        }
        let needsAuth = script.withLock { $0.credentials != nil }
        if needsAuth, user == nil { return reply("530 5.7.0 authentication required") }
        sender = address
        recipients = []
        return reply("250 2.1.0 sender OK")
    }

    private mutating func recipient(_ argument: String) -> Bool {
        guard sender != nil else { return reply("503 5.5.1 MAIL first") }
        guard let address = Self.address(in: argument, after: "TO:") else {
            return reply("501 5.5.4 syntax: RCPT TO:<address>")
        }
        if let code = script.withLock({ $0.rejectedRecipients[address.lowercased()] }) {
            return reply("\(code) \(code / 100).1.1 mailbox unavailable")
        }
        recipients.append(address)
        return reply("250 2.1.5 recipient OK")
    }

    private mutating func data() -> Bool {
        guard let sender, !recipients.isEmpty else { return reply("503 5.5.1 no valid recipients") }
        guard reply("354 end data with <CR><LF>.<CR><LF>") else { return false }
        var bytes: [UInt8] = []
        while true {
            guard var line = connection.readLine(limit: 1 << 20) else { return false }
            if line == [46] { break }  // "."
            if line.first == 46 { line.removeFirst() }  // undo dot stuffing
            bytes += line + [13, 10]
        }
        let message = SMTPSink.Message(
            sender: sender, recipients: recipients, data: bytes, authenticatedUser: user, clientName: clientName
        )
        resetTransaction()
        let rejection: Int? = script.withLock { script in
            if let code = script.messageRejection { return code }
            script.messages.append(message)
            return nil
        }
        if let rejection { return reply("\(rejection) \(rejection / 100).6.0 message refused") }
        return reply("250 2.0.0 OK queued")
    }

    private func reply(_ text: String) -> Bool {
        connection.write(Array("\(text)\r\n".utf8))
    }

    /// The address between angle brackets after `keyword` (case-insensitive), e.g. `FROM:<a@b>`.
    private static func address(in argument: String, after keyword: String) -> String? {
        guard argument.uppercased().hasPrefix(keyword) else { return nil }
        let rest = argument.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("<"), let close = rest.firstIndex(of: ">") else { return nil }
        return String(rest[rest.index(after: rest.startIndex)..<close])
    }

    private static func decode(_ base64: String) -> [UInt8]? {
        Data(base64Encoded: base64).map(Array.init)
    }
}

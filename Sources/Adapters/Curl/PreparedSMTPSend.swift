import PortalKernel

/// One SMTP delivery checked and translated into what libcurl needs, before any thread is used.
struct PreparedSMTPSend: Sendable {
    /// `smtp://host:port/helo` or `smtps://host:port/helo`.
    let url: String
    let requireTLS: Bool
    /// `<sender>` for `MAIL FROM` (`<>` for the null sender).
    let mailFrom: String
    /// `<recipient>` for each `RCPT TO`.
    let recipients: [String]
    let username: String?
    let password: String?
    let timeoutMilliseconds: Int
    let message: [UInt8]
    /// Values that must never appear in a message: credentials and addresses.
    let secrets: [String]

    private static let heloCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:")

    init(message: [UInt8], envelope: SMTPEnvelope, server: SMTPServer) throws {
        let host = server.host
        guard !host.isEmpty, !host.unicodeScalars.contains(where: Self.isForbiddenInHost) else {
            throw TransportError(.invalidRequest, "the mail server host name is not valid")
        }
        guard (1...65_535).contains(server.port) else {
            throw TransportError(.invalidRequest, "the mail server port \(server.port) is out of range")
        }
        if let helo = server.heloName, helo.isEmpty || !helo.allSatisfy(Self.heloCharacters.contains) {
            throw TransportError(.invalidRequest, "the EHLO name must be a domain or an address literal")
        }
        guard !envelope.recipients.isEmpty else {
            throw TransportError(.invalidRequest, "the envelope has no recipients")
        }
        for address in [envelope.sender] + envelope.recipients where !Self.isUsableAddress(address) {
            throw TransportError(.invalidRequest, "an envelope address contains a line break or angle bracket")
        }
        guard !message.isEmpty else {
            throw TransportError(.invalidRequest, "the message is empty")
        }
        let username = server.username.flatMap { $0.isEmpty ? nil : $0 }
        if username != nil, server.security == .none, !Self.isLoopback(host) {
            throw TransportError(
                .invalidRequest, "refusing to send credentials without TLS to a host other than loopback"
            )
        }

        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let scheme = server.security == .implicitTLS ? "smtps" : "smtp"
        self.url = "\(scheme)://\(hostPart):\(server.port)/\(server.heloName ?? "")"
        self.requireTLS = server.security != .none
        self.mailFrom = "<\(envelope.sender)>"
        self.recipients = envelope.recipients.map { "<\($0)>" }
        self.username = username
        self.password = username == nil ? nil : (server.password ?? "")
        self.timeoutMilliseconds = server.timeout.curlMilliseconds
        self.message = message
        self.secrets = [server.password ?? "", username ?? "", envelope.sender] + envelope.recipients
    }

    /// Whether `host` names this machine, where an unencrypted session never leaves the host.
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "localhost." || name == "::1" || name == "[::1]" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func isForbiddenInHost(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar.value == 0x7F || "/?#@\\<>".unicodeScalars.contains(scalar)
    }

    private static func isUsableAddress(_ address: String) -> Bool {
        !address.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" || $0 == "<" || $0 == ">" }
    }
}

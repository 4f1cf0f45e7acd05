/// An email address with an optional display name.
///
/// Display names may hold any Unicode (`"Łódź Studio"`); mailers encode them as the
/// transport requires (RFC 2047 for SMTP headers, JSON strings for MailerSend).
public struct MailerAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The address itself, `local@domain`.
    public var email: String
    public var name: String?

    public init(_ email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }

    /// Checks the address has one `@` with text on both sides and no spaces, angle brackets or
    /// line breaks, and that the name has no line breaks.
    /// - Throws: ``PortalError`` `invalid` with `field`.
    public func validate(field: String) throws {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden: Set<Character> = ["<", ">", ",", ";", "\""]
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !email.contains(where: { forbidden.contains($0) || $0.isWhitespace })
        else { throw PortalError.invalid("'\(email.prefix(100))' is not a valid email address.", field: field) }
        if let name, name.contains(where: \.isNewline) {
            throw PortalError.invalid("A display name cannot contain line breaks.", field: field)
        }
    }

    /// `Name <email>` or just `email`, for logs and plain text (not header-encoded).
    public var description: String {
        guard let name, !name.isEmpty else { return email }
        return "\(name) <\(email)>"
    }
}

/// The rules every new password must meet, checked before it is hashed.
///
/// ```swift
/// try PasswordRules.validate(form.password, field: "new_password")
/// let hash = try await hasher.hash(form.password)
/// ```
public enum PasswordRules {
    /// The fewest characters (grapheme clusters) a password may have.
    public static let minimumLength = 10
    /// The most UTF-8 bytes a password may have: bcrypt ignores everything past 72 bytes.
    public static let maximumBytes = 72

    /// Throws ``PortalError`` `invalid` naming `field` when `password` is shorter than
    /// ``minimumLength`` characters, longer than ``maximumBytes`` UTF-8 bytes, or only whitespace.
    public static func validate(_ password: String, field: String = "password") throws {
        guard password.count >= minimumLength else {
            throw PortalError.invalid("The password must be at least \(minimumLength) characters long.", field: field)
        }
        guard password.utf8.count <= maximumBytes else {
            throw PortalError.invalid(
                "The password must be at most \(maximumBytes) bytes long (bcrypt's limit; "
                    + "accented letters and emoji take more than one byte).",
                field: field)
        }
        guard !password.allSatisfy(\.isWhitespace) else {
            throw PortalError.invalid("The password must not be only spaces.", field: field)
        }
    }
}

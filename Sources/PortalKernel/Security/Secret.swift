/// A secret held in memory: an API key, a webhook signing secret, an SMTP password.
///
/// `Secret` exists so that secrets cannot leak by accident through string interpolation,
/// `print`, `dump`, logging or error messages: every textual form is `<redacted>`. Reading
/// the value takes a deliberate ``revealed`` (or ``bytes``) at the point of use.
///
/// ```swift
/// let apiKey = Secret(environment["STRIPE_SECRET_KEY"] ?? "")
/// logger.info("configured key \(apiKey)")            // configured key <redacted>
/// headers.set("Authorization", "Bearer \(apiKey.revealed)")
/// ```
///
/// Equality is constant-time. `Secret` is `Decodable` from a plain string, so configuration
/// can hold one, but deliberately not `Encodable`: writing a secret out must be explicit.
/// Secrets stored in the database are sealed with a ``SecretBox`` instead.
public struct Secret: Sendable, Hashable, Decodable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret text. Use only where the secret is actually needed.
    public let revealed: String

    public init(_ value: String) {
        self.revealed = value
    }

    /// A secret from UTF-8 bytes, such as a value a ``SecretBox`` opened. Invalid UTF-8 is repaired.
    public init(bytes: [UInt8]) {
        self.revealed = String(decoding: bytes, as: UTF8.self)
    }

    /// The UTF-8 bytes of the secret (for HMAC keys and sealing).
    public var bytes: [UInt8] { Array(revealed.utf8) }

    /// Whether the secret is empty (not configured).
    public var isEmpty: Bool { revealed.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    public static func == (lhs: Secret, rhs: Secret) -> Bool {
        ConstantTime.equals(lhs.revealed, rhs.revealed)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(revealed)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.revealed = try container.decode(String.self)
    }
}

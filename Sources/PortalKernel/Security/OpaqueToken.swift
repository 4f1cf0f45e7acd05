/// A high-entropy bearer secret: a session, API, invitation, password-reset or CSRF token.
///
/// The value is shown to its holder once (a cookie, an email link, an API key page); only its
/// ``hash`` is stored. A presented token is looked up by ``hash(_:)``, so the stored column never
/// holds anything usable and the comparison is an index lookup rather than a string compare.
///
/// ```swift
/// let token = OpaqueToken.generate(prefix: "pat_")
/// try connection.execute("INSERT INTO api_tokens (token_hash) VALUES (\(token.hash))")
/// // show token.value to the user once; later:
/// let row = try connection.query("SELECT … WHERE token_hash = \(OpaqueToken.hash(presented))")
/// ```
///
/// The value never appears in ``description`` or `dump` output.
public struct OpaqueToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret text handed to the holder: the prefix followed by unpadded base64url.
    public let value: String

    /// A token from text a client presented, or from a value read back for tests.
    public init(value: String) {
        self.value = value
    }

    /// A new token: `prefix` followed by `byteCount` random bytes (from the system's secure
    /// random source) as unpadded base64url. The default 32 bytes carry 256 bits; fewer than
    /// 16 (128 bits) is a programming error.
    public static func generate(prefix: String = "", byteCount: Int = 32) -> OpaqueToken {
        precondition(byteCount >= 16, "a bearer token needs at least 128 random bits")
        return OpaqueToken(value: prefix + ByteEncoding.base64URL(randomBytes(byteCount)))
    }

    /// `count` bytes from the system's secure random source (keys, token material).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Lowercase hex SHA-256 of the value's UTF-8 bytes: what storage keeps.
    public var hash: String { Self.hash(value) }

    /// Lowercase hex SHA-256 of a presented token's UTF-8 bytes, to look it up by.
    public static func hash(_ presented: String) -> String {
        Digests.sha256Hex(Array(presented.utf8))
    }

    public var description: String { "OpaqueToken(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// One-time recovery codes that stand in for a second factor, formatted `xxxxx-xxxxx`.
///
/// Codes use Crockford's base32 alphabet (`0–9 a–z` without `i l o u`), 10 characters or 50
/// bits each. Store only ``hash(_:)`` of each code and delete a hash once its code is redeemed.
public enum RecoveryCodes {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// `count` new random codes such as `"7kq2m-x9d4a"`, to show to the user once.
    public static func generate(count: Int = 10) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            var chars = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            chars.insert(UInt8(ascii: "-"), at: 5)
            return String(decoding: chars, as: UTF8.self)
        }
    }

    /// The canonical form of a code as typed: lowercase, without whitespace or dashes, and with
    /// the look-alikes `o` read as `0` and `i`, `l` as `1`. Apply it before hashing, both when
    /// codes are created and when one is redeemed (``hash(_:)`` does).
    public static func normalize(_ code: String) -> String {
        var out = [UInt8]()
        for char in code.lowercased().utf8 {
            switch char {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "-"):
                continue
            case UInt8(ascii: "o"): out.append(UInt8(ascii: "0"))
            case UInt8(ascii: "i"), UInt8(ascii: "l"): out.append(UInt8(ascii: "1"))
            default: out.append(char)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lowercase hex SHA-256 of ``normalize(_:)`` of `code`: what storage keeps.
    public static func hash(_ code: String) -> String {
        Digests.sha256Hex(Array(normalize(code).utf8))
    }
}

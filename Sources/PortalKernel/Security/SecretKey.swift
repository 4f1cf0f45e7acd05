import Crypto

/// One 256-bit key of a ``SecretKeyring``, with the identifier stored beside every ciphertext
/// it seals.
///
/// The key material never appears in ``description``, `dump` output or errors. The only way
/// to get it out as text is ``exportedText``, used once to write a key file.
public struct SecretKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The length of a key in bytes (AES-256).
    public static let byteCount = 32
    /// The longest identifier accepted.
    public static let maximumIDLength = 32

    /// The key's identifier: 1–32 characters from `A–Z a–z 0–9 _ -`, e.g. `k2026a`.
    public let id: String
    let symmetricKey: SymmetricKey

    /// A key from its raw bytes.
    /// - Throws: ``PortalError`` `invalid` (with `field`) for a malformed id or a length other than 32 bytes.
    public init(id: String, bytes: [UInt8], field: String = "key") throws {
        try SecretKey.validate(id: id, field: field)
        guard bytes.count == SecretKey.byteCount else {
            throw PortalError.invalid(
                "Key '\(id)' is \(bytes.count) bytes long; keys must be \(SecretKey.byteCount) bytes (256 bits).",
                field: field)
        }
        self.id = id
        self.symmetricKey = SymmetricKey(data: bytes)
    }

    /// A new random key from the system's secure random source.
    /// - Throws: ``PortalError`` `invalid` when `id` is malformed.
    public static func generate(id: String) throws -> SecretKey {
        try validate(id: id, field: "id")
        return SecretKey(id: id, symmetricKey: SymmetricKey(size: .bits256))
    }

    init(id: String, symmetricKey: SymmetricKey) {
        self.id = id
        self.symmetricKey = symmetricKey
    }

    /// The key as one `id:base64` line, the format ``SecretKeyring/init(parsing:field:)`` reads.
    /// This is the only accessor that reveals key material: write it to a protected file and
    /// nowhere else.
    public var exportedText: String {
        symmetricKey.withUnsafeBytes { "\(id):" + ByteEncoding.base64Standard(Array($0)) }
    }

    public var description: String { "SecretKey(id: \(id), <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["id": id], displayStyle: .struct) }

    /// Checks that `id` can be used in a sealed secret's text form.
    static func validate(id: String, field: String) throws {
        guard !id.isEmpty, id.utf8.count <= maximumIDLength else {
            throw PortalError.invalid("A key id must be 1 to \(maximumIDLength) characters long.", field: field)
        }
        guard id.utf8.allSatisfy(isIDCharacter) else {
            throw PortalError.invalid(
                "A key id may contain only letters, digits, '_' and '-'.", field: field)
        }
    }

    static func isIDCharacter(_ char: UInt8) -> Bool {
        switch char {
        case 65...90, 97...122, 48...57, 95, 45: true
        default: false
        }
    }
}

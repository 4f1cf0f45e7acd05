/// A secret encrypted by a ``SecretBox``, as stored in a database column.
///
/// The stable text form is `v1.<keyID>.<payload>`, where `payload` is unpadded base64url of
/// nonce ‖ ciphertext ‖ tag (12 + n + 16 bytes for AES-GCM) and `keyID` names the
/// ``SecretKey`` that sealed it. The form is plain ASCII without spaces, so it fits a `text`
/// column, a JSON string or a configuration file unchanged:
///
/// ```text
/// v1.k1.0F1e9xk7f1yJ3nq0…
/// ```
///
/// A `SealedSecret` is not itself sensitive (it cannot be opened without the key and the
/// right context), but ``description`` still prints only its key id and size.
public struct SealedSecret: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The format version written in the text form.
    public static let version = "v1"
    /// The smallest payload a valid seal can have: a 12-byte nonce and a 16-byte tag.
    public static let minimumPayloadCount = 28

    /// The id of the key that sealed this secret.
    public let keyID: String
    /// Nonce ‖ ciphertext ‖ tag.
    public let payload: [UInt8]

    /// A sealed secret from its parts.
    /// - Throws: ``PortalError`` `invalid` for a malformed key id or a payload too short to be a seal.
    public init(keyID: String, payload: [UInt8]) throws {
        try SecretKey.validate(id: keyID, field: "sealed_secret")
        guard payload.count >= SealedSecret.minimumPayloadCount else {
            throw PortalError.invalid("The sealed secret is too short to be valid.", field: "sealed_secret")
        }
        self.keyID = keyID
        self.payload = payload
    }

    /// Parses the text form `v1.<keyID>.<base64url payload>`. Returns `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == SealedSecret.version,
            let payload = ByteEncoding.bytes(fromBase64: parts[2]),
            let value = try? SealedSecret(keyID: String(parts[1]), payload: payload)
        else { return nil }
        self = value
    }

    /// Parses the text form, throwing `invalid` with `field` when it is not a sealed secret.
    public init(parsing text: String, field: String) throws {
        guard let value = SealedSecret(text) else {
            throw PortalError.invalid("The value is not a sealed secret (expected v1.<key id>.<data>).", field: field)
        }
        self = value
    }

    /// The stable text form, `v1.<keyID>.<base64url payload>`.
    public var text: String {
        "\(SealedSecret.version).\(keyID).\(ByteEncoding.base64URL(payload))"
    }

    public var description: String { "SealedSecret(key: \(keyID), \(payload.count) bytes)" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = SealedSecret(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a sealed secret of the form v1.<key id>.<data>")
        }
        self = value
    }
}

extension SealedSecret: SQLEncodable, SQLDecodable {
    /// Bound as its text form.
    public var sqlValue: SQLValue { .text(text) }

    public init(sqlValue: SQLValue) throws {
        guard case .text(let text) = sqlValue, let value = SealedSecret(text) else {
            throw SQLDecodingError(expected: "sealed secret", found: sqlValue)
        }
        self = value
    }
}

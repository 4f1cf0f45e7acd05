import Crypto

/// The text of a shareable portal link: `pl_<payload>.<signature>`, where the payload (base64url)
/// carries the link's id and expiry, and the signature is HMAC-SHA256 of the payload under the
/// link's own random key (kept sealed in storage).
///
/// The token names its link and when it expires, so a forged, altered or expired token is
/// refused before any key is opened; revoking the link (or losing its key) invalidates it.
struct PortalLinkToken: Sendable, Hashable {
    static let prefix = "pl_"

    var linkId: PortalLinkID
    /// Whole seconds, so the token and the stored expiry agree exactly.
    var expiresAt: Instant

    /// The signed text for `key`.
    func signed(with key: [UInt8]) -> String {
        let payload = payloadBytes
        return Self.prefix + ByteEncoding.base64URL(payload) + "." + ByteEncoding.base64URL(Self.signature(of: payload, key: key))
    }

    /// Reads a presented token's id and expiry, and its payload and signature to verify.
    /// Returns nil for anything that is not a well-formed token.
    static func parse(_ text: String) -> (token: PortalLinkToken, payload: [UInt8], signature: [UInt8])? {
        guard text.hasPrefix(prefix), text.utf8.count < 200 else { return nil }
        let parts = text.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = ByteEncoding.bytes(fromBase64: parts[0]), payload.count == 24,
            let signature = ByteEncoding.bytes(fromBase64: parts[1]), signature.count == 32
        else { return nil }
        let high = payload[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = payload[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let seconds = payload[16..<24].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let token = PortalLinkToken(
            linkId: PortalLinkID(bytes: UUIDBytes(high: high, low: low)),
            expiresAt: Instant(secondsSinceEpoch: Int64(bitPattern: seconds)))
        return (token, payload, signature)
    }

    /// Whether `signature` is the signature of `payload` under `key`, compared in constant time.
    static func verify(_ signature: [UInt8], of payload: [UInt8], key: [UInt8]) -> Bool {
        ConstantTime.equals(signature, self.signature(of: payload, key: key))
    }

    private var payloadBytes: [UInt8] {
        func bigEndian(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }
        return bigEndian(linkId.bytes.high) + bigEndian(linkId.bytes.low)
            + bigEndian(UInt64(bitPattern: expiresAt.secondsSinceEpoch))
    }

    private static func signature(of payload: [UInt8], key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: payload, using: SymmetricKey(data: key)))
    }
}

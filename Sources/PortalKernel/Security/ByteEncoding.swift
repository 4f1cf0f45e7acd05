import Foundation

/// Text encodings of raw bytes used by the security helpers: lowercase hex (signatures) and
/// unpadded base64url (sealed secrets), plus lenient standard base64 for key files.
///
/// Internal on purpose: callers work with the typed values (``SealedSecret``, ``SecretKey``)
/// and the verification helpers, never with these encodings directly.
enum ByteEncoding {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hexadecimal text of `bytes`.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hexadecimal text (either case). Returns `nil` for an odd length or a non-hex character.
    static func bytes(fromHex text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case 48...57: char - 48
        case 97...102: char - 87
        case 65...70: char - 55
        default: nil
        }
    }

    /// Padded standard base64 text of `bytes`.
    static func base64Standard(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Unpadded base64url (RFC 4648 §5) text of `bytes`.
    static func base64URL(_ bytes: [UInt8]) -> String {
        // Written out rather than through Foundation's base64 and two string replacements:
        // sealed secrets and tokens are encoded on hot paths (every queued email).
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] as [UInt32] { output.append(base64URLAlphabet[Int((chunk >> shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(base64URLAlphabet[Int((chunk >> 18) & 63)])
            output.append(base64URLAlphabet[Int((chunk >> 12) & 63)])
            if rest == 2 { output.append(base64URLAlphabet[Int((chunk >> 6) & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let base64URLAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Decodes base64 in either alphabet (standard or url-safe), with or without padding.
    /// Returns `nil` for any other character or an impossible length.
    static func bytes(fromBase64 text: some StringProtocol) -> [UInt8]? {
        var normalized = String(text)
        guard normalized.utf8.allSatisfy(isBase64Character) else { return nil }
        normalized = normalized.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while normalized.hasSuffix("=") { normalized.removeLast() }
        guard normalized.utf8.count % 4 != 1 else { return nil }
        normalized += String(repeating: "=", count: (4 - normalized.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: normalized) else { return nil }
        return Array(data)
    }

    private static func isBase64Character(_ char: UInt8) -> Bool {
        switch char {
        case 65...90, 97...122, 48...57, 43, 47, 45, 95, 61: true
        default: false
        }
    }
}

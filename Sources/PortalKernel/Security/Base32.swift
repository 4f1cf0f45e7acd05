/// RFC 4648 base32 (the `A–Z 2–7` alphabet), as used for TOTP secrets in authenticator apps.
///
/// ```swift
/// Base32.encode(Array("foobar".utf8))           // "MZXW6YTBOI"
/// Base32.encode(Array("f".utf8), padding: true) // "MY======"
/// Base32.decode("mzxw 6ytb oi")                 // the bytes of "foobar"
/// ```
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Uppercase base32 text of `bytes`, padded with `=` to a multiple of 8 characters when
    /// `padding` is true.
    public static func encode(_ bytes: [UInt8], padding: Bool = false) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
        }
        if bits > 0 {
            out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)])
        }
        if padding {
            while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base32 text in either case, ignoring spaces and `=` padding.
    ///
    /// Returns `nil` for a character outside the alphabet, an impossible length (1, 3 or 6
    /// characters in the last group) or non-zero leftover bits.
    public static func decode(_ text: String) -> [UInt8]? {
        var out = [UInt8]()
        var buffer: UInt32 = 0
        var bits = 0
        var count = 0
        for char in text.utf8 {
            if char == UInt8(ascii: " ") || char == UInt8(ascii: "=") { continue }
            guard let value = value(of: char) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            count += 1
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        guard ![1, 3, 6].contains(count % 8), buffer == 0 else { return nil }
        return out
    }

    private static func value(of char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): char - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): char - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): char - UInt8(ascii: "2") + 26
        default: nil
        }
    }
}

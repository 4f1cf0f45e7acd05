/// Foundation's `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` for ASCII keys, with a byte
/// scan instead of Unicode character-set searches.
///
/// The rule, step for step as Foundation applies it: after the first character, each uppercase
/// letter starts a word; a run of several uppercase letters followed by a lowercase one is a
/// word of its own up to the letter before the lowercase one (`myURLProperty` →
/// `my_url_property`); an uppercase run with no lowercase letter after it stays one word
/// (`isURL` → `is_url`). Words are lowercased and joined with `_`; digits and underscores are
/// neither upper- nor lowercase.
enum ResponseJSONKey {
    /// The snake_case key, or `nil` for a key Foundation's conversion is left to (see
    /// ``appendSnakeCase(_:to:)``).
    static func snakeCase(_ key: String) -> String? {
        var quoted: [UInt8] = []
        guard let length = appendSnakeCase(key, to: &quoted) else { return nil }
        return String(decoding: quoted[1..<(1 + length)], as: UTF8.self)
    }

    /// Appends the snake_case key in quotes and returns its length without them; `nil`, with
    /// nothing appended, for a key with a non-ASCII character (which Foundation classifies by
    /// Unicode category) or one that would need escaping.
    static func appendSnakeCase(_ key: String, to output: inout [UInt8]) -> Int? {
        var key = key
        return key.withUTF8 { bytes -> Int? in
            var needsConversion = false
            for byte in bytes {
                if byte >= 0x80 || byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return nil }
                if isUpper(byte) { needsConversion = true }
            }
            output.append(UInt8(ascii: "\""))
            let start = output.count
            if needsConversion {
                convert(bytes, to: &output)
            } else {
                output.append(contentsOf: bytes)
            }
            let length = output.count - start
            output.append(UInt8(ascii: "\""))
            return length
        }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    /// Splits `key` into words as Foundation does and appends them lowercased, joined by `_`.
    private static func convert(_ key: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let end = key.count
        var wordCount = 0
        func appendWord(_ word: Range<Int>) {
            if wordCount > 0 { output.append(UInt8(ascii: "_")) }
            wordCount += 1
            for index in word {
                let byte = key[index]
                output.append(isUpper(byte) ? byte + 32 : byte)
            }
        }
        var wordStart = 0
        var searchStart = 1
        while let upper = (searchStart..<max(searchStart, end)).first(where: { isUpper(key[$0]) }) {
            appendWord(wordStart..<upper)
            guard let lower = (upper..<end).first(where: { isLower(key[$0]) }) else {
                wordStart = upper
                break
            }
            if lower == upper + 1 {
                // One capital before a lowercase letter: it starts the next word.
                wordStart = upper
            } else {
                // Several capitals: a word of their own, but the last starts the next word.
                appendWord(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        appendWord(wordStart..<end)
    }
}

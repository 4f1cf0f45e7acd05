/// A fast reader of one JSON document into ``JSONValue`` that gives exactly what
/// `JSONDecoder().decode(JSONValue.self, from:)` gives, or `nil` where it cannot be sure.
///
/// The contract is one-sided: a non-`nil` result equals Foundation's, value for value and
/// bit for bit in doubles; `nil` means "ask Foundation" (see ``JSONValue/init(parsing:)``),
/// never "invalid". It answers `nil` for anything outside the common shape of JSON that
/// `JSONEncoder` writes: invalid JSON, a byte-order mark or another encoding, invalid UTF-8,
/// a lone surrogate escape, a duplicate key, nesting deeper than ``maximumDepth``, and the
/// numbers Foundation converts through `Decimal` or refuses.
///
/// Numbers follow Foundation's rules for `JSONValue`, which tries `Int64` before `Double`:
/// - digits without `.`, `e` or `E` that fit `Int64` are `.integer` (`-0` is `.integer(0)`);
/// - any other number is read as a `Double` (correctly rounded, as `strtod`); when that is a
///   whole number below 2^53 in magnitude it is `.integer` (`3.0`, `1e2`, `-0.0` →
///   `.integer`), otherwise `.number` (`0.1`, `1.5e-7`);
/// - integers beyond `Int64`, whole doubles from 2^53 up (which Foundation re-reads as a
///   `Decimal`), zero-valued underflows, subnormals and infinities answer `nil`.
struct JSONValueParser {
    /// Containers nested deeper than this are left to Foundation.
    static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Reused for strings with escapes.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The value of the one JSON document in `bytes`, or `nil` (see the type's contract).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var parser = JSONValueParser(bytes: bytes)
        parser.skipWhitespace()
        guard let value = parser.parseValue() else { return nil }
        parser.skipWhitespace()
        return parser.index == bytes.count ? value : nil
    }

    /// The value of the one JSON document in `bytes`, or `nil` (see the type's contract).
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    // MARK: Values

    private mutating func parseValue() -> JSONValue? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return parseString().map(JSONValue.string)
        case UInt8(ascii: "{"):
            return parseObject()
        case UInt8(ascii: "["):
            return parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return parseNumber()
        case UInt8(ascii: "t"):
            return parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"):
            return parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"):
            return parseLiteral("null", .null)
        default:
            return nil
        }
    }

    private mutating func parseLiteral(_ literal: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return nil }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            return nil
        }
        index += count
        return value
    }

    private mutating func parseObject() -> JSONValue? {
        guard enterContainer() else { return nil }
        index += 1  // {
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = parseString() else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace()
            guard let value = parseValue() else { return nil }
            // Foundation keeps one of two equal keys; which one is its business.
            guard object.updateValue(value, forKey: key) == nil else { return nil }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            let separator = bytes[index]
            index += 1
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else { return nil }
            skipWhitespace()
        }
        depth -= 1
        return .object(object)
    }

    private mutating func parseArray() -> JSONValue? {
        guard enterContainer() else { return nil }
        index += 1  // [
        var array: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(array)
        }
        while true {
            guard let value = parseValue() else { return nil }
            array.append(value)
            skipWhitespace()
            guard index < bytes.count else { return nil }
            let separator = bytes[index]
            index += 1
            if separator == UInt8(ascii: "]") { break }
            guard separator == UInt8(ascii: ",") else { return nil }
            skipWhitespace()
        }
        depth -= 1
        return .array(array)
    }

    private mutating func enterContainer() -> Bool {
        depth += 1
        return depth <= Self.maximumDepth
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    // MARK: Strings

    /// Reads a string starting at its opening quote.
    private mutating func parseString() -> String? {
        index += 1  // "
        let start = index
        var nonASCII: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return nonASCII & 0x80 == 0
                    ? String(decoding: content, as: UTF8.self) : String(validating: content, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return parseEscapedString(from: start) }
            if byte < 0x20 { return nil }
            nonASCII |= byte
            index += 1
        }
        return nil
    }

    /// Continues a string at its first backslash, copying unescaped content into `scratch`.
    private mutating func parseEscapedString(from start: Int) -> String? {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = parseUnicodeEscape() else { return nil }
                    scratch.append(contentsOf: UTF8.encode(scalar)!)
                default: return nil
                }
            case 0x00..<0x20:
                return nil
            default:
                scratch.append(byte)
            }
        }
        return nil
    }

    /// Reads the hex digits after `\u` and, for a high surrogate, the `\uDC00`…`\uDFFF` after it.
    private mutating func parseUnicodeEscape() -> Unicode.Scalar? {
        guard let unit = parseHex4() else { return nil }
        switch unit {
        case 0xD800...0xDBFF:
            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                return nil
            }
            index += 2
            guard let low = parseHex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
        case 0xDC00...0xDFFF:
            return nil
        default:
            return Unicode.Scalar(unit)
        }
    }

    private mutating func parseHex4() -> UInt16? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    // MARK: Numbers

    private mutating func parseNumber() -> JSONValue? {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        // The integer part: 0 or a non-zero digit and more digits, accumulated as a magnitude.
        guard index < bytes.count, isDigit(bytes[index]) else { return nil }
        var magnitude: UInt64 = 0
        var overflow = false
        var nonZeroDigit = false
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                magnitude = sum
                overflow = overflow || o1 || o2
                nonZeroDigit = true
                index += 1
            }
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { return nil }
            while index < bytes.count, isDigit(bytes[index]) {
                if bytes[index] != UInt8(ascii: "0") { nonZeroDigit = true }
                index += 1
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { return nil }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if isInteger {
            guard !overflow else { return nil }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return .integer(Int64(magnitude))
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite, !double.isSubnormal, double != 0 || !nonZeroDigit else {
            return nil
        }
        // From 2^53 up Foundation re-reads whole numbers through `Decimal`.
        if double.magnitude >= 9_007_199_254_740_992 { return nil }
        if let integer = Int64(exactly: double) { return .integer(integer) }
        return .number(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}

import PortalKernel

/// A response body the server writes directly instead of through `Codable`: the hottest views,
/// where even ``ResponseJSONEncoder``'s dynamic dispatch per value is most of the cost.
///
/// A conformance writes exactly what `JSONCoding.encode` writes for the value's `Encodable`
/// conformance: members in the order of their snake_case keys' bytes, optional members left
/// out when `nil`. A test compares the two byte for byte for each conforming type, with every
/// optional member both present and absent.
///
/// ```swift
/// extension Money: ResponseJSONWritable {
///     func writeJSON(to writer: inout ResponseJSONWriter) {
///         writer.beginObject()
///         writer.key("amount"); writer.integer(minorUnits)
///         writer.key("currency"); writer.string(currency.code)
///         writer.endObject()
///     }
/// }
/// ```
protocol ResponseJSONWritable: Encodable {
    /// Writes the value as `JSONCoding.encode(self)` would.
    func writeJSON(to writer: inout ResponseJSONWriter)
}

/// Writes compact JSON for ``ResponseJSONWritable`` values, with Portal's conventions for the
/// kernel's value types (identifiers and instants as their canonical text, money as
/// `{"amount":…,"currency":"…"}`).
///
/// Members are written in the order given: the caller sorts them. A comma goes before a key or
/// element unless it opens its object or array.
struct ResponseJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 8192) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")) }

    /// `"name":`, after a comma unless it is the object's first member. `name` is written as is:
    /// give the snake_case key, which needs no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// An array with each element written by `element`.
    mutating func array<Elements: Sequence>(_ elements: Elements, _ element: (inout ResponseJSONWriter, Elements.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for item in elements {
            separate()
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A comma unless the last byte opened an object or array.
    private mutating func separate() {
        if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") {
            bytes.append(UInt8(ascii: ","))
        }
    }

    // MARK: Values

    mutating func string(_ value: String) {
        ResponseJSONEncoder.appendQuoted(value, to: &bytes)
    }

    mutating func integer(_ value: some FixedWidthInteger) {
        var text = String(value)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) {
        let literal: StaticString = value ? "true" : "false"
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// An enumeration as its raw value (its `Codable` form).
    mutating func raw<Value: RawRepresentable>(_ value: Value) where Value.RawValue == String {
        string(value.rawValue)
    }

    /// The identifier's canonical lowercase UUID text, as ``Identifier`` encodes it.
    mutating func identifier<Tag>(_ id: Identifier<Tag>) {
        // `"` + 8-4-4-4-12 hexadecimal digits + `"`, assembled on the stack and appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 38) { text in
            text[0] = UInt8(ascii: "\"")
            var position = 1
            for index in 0..<32 {
                if index == 8 || index == 12 || index == 16 || index == 20 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = index < 16 ? id.bytes.high : id.bytes.low
                let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - (index % 16) * 4)) & 0xF
                text[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                position += 1
            }
            text[37] = UInt8(ascii: "\"")
            bytes.append(contentsOf: text)
        }
    }

    /// `YYYY-MM-DD`, as ``LocalDate`` encodes it (its `iso8601`): written digit by digit for
    /// years 0…9999, through `iso8601` otherwise.
    mutating func date(_ value: LocalDate) {
        guard (0...9999).contains(value.year), (1...12).contains(value.month), (1...31).contains(value.day) else {
            string(value.iso8601)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { text in
            func digits(_ number: Int, count: Int, at offset: Int) {
                var rest = number
                for position in stride(from: offset + count - 1, through: offset, by: -1) {
                    text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            text[0] = UInt8(ascii: "\"")
            digits(value.year, count: 4, at: 1)
            text[5] = UInt8(ascii: "-")
            digits(value.month, count: 2, at: 6)
            text[8] = UInt8(ascii: "-")
            digits(value.day, count: 2, at: 9)
            text[11] = UInt8(ascii: "\"")
            bytes.append(contentsOf: text)
        }
    }

    /// RFC 3339 with six fraction digits, as ``Instant`` encodes it.
    mutating func instant(_ value: Instant) {
        string(value.iso8601)
    }

    /// `{"amount":<minor units>,"currency":"<code>"}`, as ``Money`` encodes it.
    mutating func money(_ value: Money) {
        beginObject()
        key("amount")
        integer(value.minorUnits)
        key("currency")
        string(value.currency.code)
        endObject()
    }
}

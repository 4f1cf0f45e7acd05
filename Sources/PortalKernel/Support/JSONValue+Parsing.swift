import Foundation

extension JSONValue {
    /// Reads one JSON document, with exactly the value or the error that
    /// `JSONDecoder().decode(JSONValue.self, from: Data(bytes))` gives, only faster.
    ///
    /// Ordinary JSON (what `JSONEncoder` writes) is read by ``JSONValueParser`` without
    /// Foundation's decoder, which finds a value's type by trying each one and throwing; the
    /// rest (invalid JSON, other encodings, the rare numbers Foundation reads through
    /// `Decimal`) goes to `JSONDecoder` itself.
    ///
    /// ```swift
    /// let value = try JSONValue(parsing: Array(#"{"amount":1500,"currency":"ZAR"}"#.utf8))
    /// // .object(["amount": .integer(1500), "currency": .string("ZAR")])
    /// ```
    public init(parsing bytes: [UInt8]) throws {
        if let value = JSONValueParser.parse(bytes) {
            self = value
        } else {
            self = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        }
    }
}

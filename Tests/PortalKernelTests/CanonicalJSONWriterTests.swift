import Foundation
import Testing

@testable import PortalKernel

/// ``CanonicalJSONWriter`` must write exactly the bytes `JSONCoding.encode` writes, since
/// audit hashes stored in users' databases depend on them.
@Suite("Canonical JSON writer matches JSONCoding.encode byte for byte")
struct CanonicalJSONWriterTests {
    static func written(_ value: JSONValue) throws -> [UInt8] {
        var writer = CanonicalJSONWriter()
        try writer.write(value)
        return writer.bytes
    }

    static func expectSameBytes(_ value: JSONValue, _ label: String) throws {
        let expected = try JSONCoding.encode(value)
        let actual = try written(value)
        #expect(actual == expected, "\(label): expected \(String(decoding: expected, as: UTF8.self)), wrote \(String(decoding: actual, as: UTF8.self))")
    }

    @Test("strings: control characters, quotes, backslashes, slashes, non-ASCII, emoji, empty", arguments: JSONCorpus.strings)
    func strings(_ string: String) throws {
        try Self.expectSameBytes(.string(string), string.debugDescription)
        try Self.expectSameBytes(.object([string: .string(string)]), "as key \(string.debugDescription)")
    }

    @Test("every byte below 0x80, alone and between text")
    func everyASCIIByte() throws {
        for byte in 0..<0x80 {
            let scalar = String(Unicode.Scalar(UInt8(byte)))
            try Self.expectSameBytes(.string(scalar), "byte \(byte)")
            try Self.expectSameBytes(.string("a\(scalar)b\(scalar)"), "byte \(byte) in text")
        }
    }

    @Test("integers, including the Int64 bounds", arguments: JSONCorpus.integers)
    func integers(_ integer: Int64) throws {
        try Self.expectSameBytes(.integer(integer), "\(integer)")
    }

    @Test("doubles, written by JSONEncoder itself", arguments: JSONCorpus.doubles)
    func doubles(_ double: Double) throws {
        try Self.expectSameBytes(.number(double), "\(double)")
        try Self.expectSameBytes(.array([.number(double), .integer(1)]), "\(double) in an array")
        try Self.expectSameBytes(.object(["d": .number(double)]), "\(double) in an object")
    }

    @Test("non-finite doubles are refused, for the caller to hand to JSONEncoder")
    func nonFinite() {
        for double in [Double.nan, .infinity, -.infinity] {
            #expect(throws: CanonicalJSONWriter.Unrepresentable.self) { try Self.written(.number(double)) }
            #expect(throws: (any Error).self) { try JSONCoding.encode(JSONValue.number(double)) }
        }
    }

    @Test("keys sort by UTF-8 bytes, unicode keys included, and are never snake_cased")
    func keys() throws {
        // "é" and "e\u{301}" are one key to a Swift dictionary.
        let members = Dictionary(JSONCorpus.keys.map { ($0, JSONValue.string($0)) }, uniquingKeysWith: { first, _ in first })
        try Self.expectSameBytes(.object(members), "corpus keys")
        try Self.expectSameBytes(.object(["camelCase": .object(["innerCamel": .integer(1)]), "URLValue": .null]), "camel keys")
    }

    @Test("literals, empty and nested containers, and the corpus document")
    func containers() throws {
        let values: [JSONValue] = [
            .null, .bool(true), .bool(false), .object([:]), .array([]), .array([.array([])]), .array([.object([:]), .array([.null])]),
            .object(["a": .object([:]), "b": .array([.array([.array([])])])]), JSONCorpus.document,
        ]
        for (position, value) in values.enumerated() { try Self.expectSameBytes(value, "value \(position)") }
    }

    @Test("random trees")
    func randomTrees() throws {
        var generator = SeededGenerator(seed: 0xC0FFEE)
        for round in 0..<3_000 {
            try Self.expectSameBytes(JSONCorpus.randomValue(depth: 4, using: &generator), "random tree \(round)")
        }
    }

    @Test("nesting deeper than the writer goes is refused")
    func deepNesting() throws {
        var value = JSONValue.integer(1)
        for _ in 0..<CanonicalJSONWriter.maximumDepth { value = .array([value]) }
        try Self.expectSameBytes(value, "at the limit")
        #expect(throws: CanonicalJSONWriter.Unrepresentable.self) { try Self.written(.object(["a": value])) }
    }
}

import Foundation
import Testing

@testable import PortalKernel

/// `JSONValue(parsing:)` (and the fast ``JSONValueParser`` behind it) must give exactly what
/// `JSONDecoder().decode(JSONValue.self, from:)` gave with the original `init(from:)`.
@Suite("JSONValue parsing matches JSONDecoder")
struct JSONValueParsingTests {
    /// Texts covering numbers at and past every boundary, escapes, nesting and invalid JSON.
    static let texts: [String] = [
        // Integers and where Int64 ends.
        "0", "-0", "1", "-1", "42", "-42", "9007199254740992", "9007199254740993", "-9007199254740993",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "123456789012345678901234567890", "-123456789012345678901234567890",
        // Fractions and exponents, including the whole numbers Foundation reads as integers.
        "1.0", "3.0", "-3.0", "0.0", "-0.0", "0.1", "-0.1", "0.5", "1.5", "12.50", "0.30000000000000004", "1.0000000000000001",
        "1e2", "1E2", "1e+2", "1E+2", "1e-2", "-1.5e-7", "1e0", "0e0", "0e10", "-0e-5", "1e16", "1e+16", "1e17", "1e18", "1e+18",
        "1e19", "1e+19", "9.2233720368547758e18", "9.223372036854776e+18", "-9.223372036854776e+18", "1.152921504606847e+18",
        "9007199254740993.0", "9.007199254740993e15", "4503599627370496.5", "4503599627370497", "1e22", "1e23",
        "1e300", "1e+300", "-1e300", "1e-300", "1e308", "1.7976931348623157e+308", "1e309", "1e400", "-1e400",
        "1e-400", "-1e-400", "5e-324", "2.2250738585072014e-308", "2.2250738585072011e-308", "123.456e5", "0.000001",
        "100000000000000000000.0", "1.5e1", "2.5e-1", "[1e400]", "{\"a\":1e400}", "[1e-400,0.1]",
        // Literals and strings.
        "true", "false", "null", "\"\"", "\"a\"", "\"\\u00e9\"", "\"\\u00E9\"", "\"\\ud83d\\ude00\"", "\"\\uD83D\\uDE00\"",
        "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\ud83dx\"", "\"a\\/b\"", "\"a/b\"", "\"\\b\\f\\n\\r\\t\\\"\\\\\"",
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u001f\"", "\"\\u007f\"", "\"\u{7F}\"", "\"héllo 🎉\"", "\"e\u{301}\"",
        "\"\\uFEFF\"", "\"\\uffff\"", "\"\\u2028\"", "\"\\x41\"", "\"\\u12\"", "\"\\u12G4\"", "\"abc", "\"\t\"", "\"\n\"",
        // Containers.
        "{}", "[]", "[[]]", "[{}]", "{\"a\":{}}", "{\"a\":[]}", "[[],[[]],{},[{}]]", "{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}",
        " { \"a\" : 1 , \"b\" : [ true , false , null ] } ", "\n\t[1,\r\n2]\n", "{\"\":0}", "{\"é\":1,\"日本\":2,\"🎉\":3}",
        "{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "{\"é\":1,\"e\\u0301\":2}", "[1,\"a\",true,null,{},[],1.5,-0]",
        // Invalid JSON and other encodings.
        "", " ", "{", "}", "[", "]", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\"}", "{\"a\" 1}", "{a:1}", "{'a':1}", "01", "-01",
        "1.", ".5", "+1", "--1", "-", "1e", "1e+", "1.e5", "0x10", "Infinity", "NaN", "-Infinity", "tru", "nul", "falsey",
        "[1] x", "[1][2]", "1 2", "\u{FEFF}{}", "// comment\n{}", "{\"a\":1}/**/",
    ]

    static func check(_ bytes: [UInt8], _ label: String) {
        let expected = Result { try AuditJSONReference.decode(bytes) }
        let actual = Result { try JSONValue(parsing: bytes) }
        switch (expected, actual) {
        case (.success(let e), .success(let a)):
            #expect(identical(e, a), "\(label): JSONDecoder \(e), parsing \(a)")
        case (.failure(let e), .failure(let a)):
            #expect(describe(e) == describe(a), "\(label)")
        default:
            Issue.record("\(label): JSONDecoder \(expected), parsing \(actual)")
        }
        // Whatever the fast parser answers on its own must be Foundation's answer.
        if let fast = JSONValueParser.parse(bytes) {
            guard case .success(let e) = expected else {
                Issue.record("\(label): the fast parser accepted what JSONDecoder refuses")
                return
            }
            #expect(identical(e, fast), "\(label): JSONDecoder \(e), fast \(fast)")
        }
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error).replacingOccurrences(of: "LegacyValue", with: "JSONValue")
    }

    @Test("a corpus of texts reads as JSONDecoder reads it", arguments: texts)
    func corpus(_ text: String) {
        Self.check(Array(text.utf8), text)
    }

    @Test("bytes that are not UTF-8 JSON are left to JSONDecoder")
    func otherEncodings() {
        let cases: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8),  // UTF-8 byte-order mark
            Array("{\"a\":1}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },  // UTF-16LE
            [0xFF, 0xFE] + Array("[1]".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
            [0x22, 0xC3, 0x22], [0x5B, 0x31, 0x00, 0x5D], [0x22, 0x00, 0x22], [0x00],
        ]
        for (position, bytes) in cases.enumerated() { Self.check(bytes, "bytes case \(position)") }
    }

    @Test("nesting deeper than the fast parser goes is left to JSONDecoder, with the same result")
    func deepNesting() {
        for depth in [JSONValueParser.maximumDepth - 1, JSONValueParser.maximumDepth, JSONValueParser.maximumDepth + 1, 600] {
            let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            Self.check(Array(arrays.utf8), "arrays \(depth)")
            let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
            Self.check(Array(objects.utf8), "objects \(depth)")
        }
        #expect(JSONValueParser.parse(Array((String(repeating: "[", count: 256) + String(repeating: "]", count: 256)).utf8)) != nil)
    }

    @Test("every value JSONEncoder writes from the corpus reads back as JSONDecoder reads it")
    func encodedCorpus() throws {
        let bytes = try JSONCoding.encode(JSONCorpus.document)
        Self.check(bytes, "corpus document")
        for string in JSONCorpus.strings { Self.check(try JSONCoding.encode(string), "string \(string.debugDescription)") }
        for integer in JSONCorpus.integers { Self.check(try JSONCoding.encode(integer), "integer \(integer)") }
        for double in JSONCorpus.doubles {
            Self.check(try JSONCoding.encode(double), "double \(double)")
            Self.check(try JSONCoding.encode([double]), "double in array \(double)")
            Self.check(try JSONCoding.encode(["d": double]), "double in object \(double)")
        }
        for value in [UInt64.max, UInt64(Int64.max) + 1] { Self.check(try JSONCoding.encode(value), "UInt64 \(value)") }
        for value in [Float(0.1), Float(3), Float(1e30), -Float.leastNonzeroMagnitude] {
            Self.check(try JSONCoding.encode(value), "Float \(value)")
        }
        for value in [Decimal(string: "0.1")!, Decimal(string: "12345678901234567890.123")!, Decimal(3)] {
            Self.check(try JSONCoding.encode(value), "Decimal \(value)")
        }
    }

    @Test("random trees written by JSONEncoder read back as JSONDecoder reads them")
    func randomTrees() throws {
        var generator = SeededGenerator(seed: 0x0A0D_17)
        for round in 0..<2_000 {
            let value = JSONCorpus.randomValue(depth: 4, using: &generator)
            Self.check(try JSONCoding.encode(value), "random tree \(round)")
        }
    }

    @Test("random number texts read as JSONDecoder reads them")
    func randomNumbers() {
        var generator = SeededGenerator(seed: 0x4E_55_4D)
        let digits = Array("0123456789")
        func run(_ count: Int) -> String {
            String((0..<count).map { _ in digits.randomElement(using: &generator)! })
        }
        for _ in 0..<5_000 {
            var text = generator.next() % 3 == 0 ? "-" : ""
            let integerDigits = 1 + Int(generator.next() % 22)
            let integerPart = run(integerDigits)
            text += integerPart.count > 1 && integerPart.first == "0" ? "1" + integerPart.dropFirst() : integerPart
            if generator.next() % 2 == 0 { text += "." + run(1 + Int(generator.next() % 20)) }
            if generator.next() % 3 == 0 {
                text += ["e", "E"].randomElement(using: &generator)! + ["", "+", "-"].randomElement(using: &generator)!
                text += run(1 + Int(generator.next() % 3))
            }
            Self.check(Array(text.utf8), text)
            Self.check(Array("[\(text),{\"n\":\(text)}]".utf8), "nested \(text)")
        }
    }

    @Test("what JSONEncoder writes is read by the fast parser, not handed back to JSONDecoder")
    func fastPathIsTaken() throws {
        let common: JSONValue = .object([
            "id": .string("0195f1c2-0000-7000-8000-000000000001"), "amount": .object(["amount": .integer(-125_000), "currency": .string("ZAR")]),
            "lines": .array([.object(["description": .string("Work \"phase 2\" — on-site/remote\n")]), .object([:])]),
            "paid": .bool(false), "memo": .null, "rate": .number(0.15), "whole": .number(3), "tags": .array([]),
        ])
        #expect(JSONValueParser.parse(try JSONCoding.encode(common)) != nil)
        #expect(JSONValueParser.parse(try JSONCoding.encode(JSONCorpus.strings)) != nil)
        #expect(JSONValueParser.parse(try JSONCoding.encode(JSONCorpus.integers)) != nil)
    }
}

@testable import PortalKernel

/// Values that stress JSON reading and writing, shared by the equivalence tests.
enum JSONCorpus {
    /// Strings with everything JSON escapes or might: control characters, quotes, backslashes,
    /// slashes, non-ASCII, emoji, combining marks, and the empty string.
    static let strings: [String] = [
        "", " ", "a", "plain text", "\"", "\\", "/", "</script>", "http://example.com/a/b?c=d&e=f",
        "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", "\u{E}", "\u{F}", "\u{10}",
        "\u{1B}", "\u{1F}", "\u{20}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{AD}", "\u{2028}", "\u{2029}", "\u{FEFF}",
        "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "tab\tnew\nline\rreturn", "quote \" and \\ backslash \\\" both",
        "é", "e\u{301}", "Ünïcödé", "日本語のテキスト", "한국어", "עברית", "العربية", "🎉", "👩‍👩‍👧‍👦", "🇿🇦", "a🎉b\n\"c\"",
        "R 1 234,56", "50%", "INV-2026-03-00042", "2026-03-31T12:00:00.000000Z", "null", "true", "0", "-1", "1e5",
        "[redacted]", "{\"nested\":\"json\"}", String(repeating: "long ", count: 200), String(repeating: "\u{1}\"/\\é🎉", count: 20),
    ]

    /// Object keys, including ones whose UTF-8 order differs from other orders people assume.
    static let keys: [String] = [
        "", "a", "A", "b", "B", "Z", "z", "_", "a_b", "aB", "a b", "a-b", "ab", "abc", "ab_c", "10", "9", "1", "01",
        "é", "e", "e\u{301}", "f", "ä", "Ä", "日本", "🎉", "\u{1}", "\"", "\\", "/", "~", "\u{7F}", "updated_at",
        "camelCaseKey", "snake_case_key", "URLValue", "password_hash", "api_key",
    ]

    static let integers: [Int64] = [
        0, 1, -1, 2, 9, 10, -10, 42, 100, 1_000_000, -1_000_000, 4_294_967_295, 4_294_967_296, 9_007_199_254_740_991,
        9_007_199_254_740_992, 9_007_199_254_740_993, -9_007_199_254_740_993, .max, .max - 1, .min, .min + 1,
    ]

    static let doubles: [Double] = [
        0.1, 0.2, 0.30000000000000004, 1.5, -1.5, 3.0, -3.0, 0.0, -0.0, 1e300, -1e300, 1e-300, 1e16, 1e17, 1e22, 1e23,
        123_456.789, 1.0 / 3.0, 2.0 / 3.0, .pi, -.pi, 1e-7, .leastNonzeroMagnitude, 2.2250738585072014e-308, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .leastNormalMagnitude, 9_007_199_254_740_992, 9_007_199_254_740_994, 4_503_599_627_370_496.5,
        1_152_921_504_606_846_976, 9.223372036854776e18, -9.223372036854776e18, 1.8446744073709552e19, 100, 1e2, 12.5, 0.5,
    ]

    /// A fixed tree with one of everything, nested.
    static let document: JSONValue = .object([
        "strings": .array(strings.map(JSONValue.string)),
        "integers": .array(integers.map(JSONValue.integer)),
        "doubles": .array(doubles.map(JSONValue.number)),
        "keys": .object(Dictionary(keys.enumerated().map { ($1, .integer(Int64($0))) }, uniquingKeysWith: { first, _ in first })),
        "empty_object": .object([:]), "empty_array": .array([]), "null": .null, "yes": .bool(true), "no": .bool(false),
        "nested": .array([.array([]), .array([.array([.object([:])])]), .object(["x": .array([.null, .bool(false)])])]),
    ])

    /// A random tree of at most `depth` levels.
    static func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
        let choice = generator.next() % (depth > 0 ? 9 : 6)
        switch choice {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2: return .integer(generator.int64())
        case 3: return .number(randomDouble(using: &generator))
        case 4, 5: return .string(randomString(using: &generator))
        case 6: return .array((0..<Int(generator.next() % 5)).map { _ in randomValue(depth: depth - 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int(generator.next() % 6) {
                members[randomKey(using: &generator)] = randomValue(depth: depth - 1, using: &generator)
            }
            return .object(members)
        }
    }

    /// A finite double: from the fixed list, a small decimal, a whole number, or random bits.
    static func randomDouble(using generator: inout SeededGenerator) -> Double {
        switch generator.next() % 4 {
        case 0: return doubles.randomElement(using: &generator)!
        case 1: return Double(Int64.random(in: -1_000_000...1_000_000, using: &generator)) / 100
        case 2: return Double(generator.int64())
        default:
            while true {
                let value = Double(bitPattern: generator.next())
                if value.isFinite { return value }
            }
        }
    }

    static func randomString(using generator: inout SeededGenerator) -> String {
        if generator.next() % 3 == 0 { return strings.randomElement(using: &generator)! }
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{0}", "\u{1F}", "\u{7F}", "é", "e\u{301}", "日", "🎉", "\t"]
        return (0..<Int(generator.next() % 12)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    static func randomKey(using generator: inout SeededGenerator) -> String {
        generator.next() % 2 == 0 ? keys.randomElement(using: &generator)! : randomString(using: &generator)
    }
}

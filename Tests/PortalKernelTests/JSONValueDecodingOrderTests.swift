import Foundation
import Testing

@testable import PortalKernel

/// ``JSONValue/init(from:)`` tries types in a cheaper order under Foundation's `JSONDecoder`;
/// it must decode every document, under every decoder setting, as the original order did.
@Suite("JSONValue decoding order keeps the original results")
struct JSONValueDecodingOrderTests {
    /// Decoder settings by name; each check gets new decoders. JSON5 mode is left out: the
    /// kernel never uses it, and Foundation's JSON5 scanner misbehaves on invalid input (it
    /// stopped the test process, and left later tests crashing, in CI).
    static let settings: [(String, @Sendable () -> JSONDecoder)] = [
        ("plain", { JSONDecoder() }),
        ("snake", { JSONCoding.makeDecoder() }),
        ("float strings", {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return decoder
        }),
    ]

    static let floatStringTexts: [String] = [
        #"["inf","-inf","nan","Infinity","x","+","-",""]"#, #"{"inf":"inf","camelCase":{"snake_case":"nan"}}"#, "\"inf\"", "\"nan\"",
        #"{"a":[1e400,{"b":"inf"}]}"#, "[1,1.5,-0,1e2,true,null,{},[]]",
    ]

    static let texts: [String] = JSONValueParsingTests.texts + floatStringTexts

    static let json5Texts: [String] = floatStringTexts + [
        "{a: Infinity, b: -Infinity, c: NaN, d: 0x1F, e: 'single', f: +1, g: .5, h: 5., // comment\n}",
        "[Infinity, NaN, -0x10, 'x', \"+\", 1e400, 0.1, 3.0, 9223372036854775808]", "{}", "[]", "'x'", "0x7FFFFFFFFFFFFFFF",
    ]

    @Test("the corpus decodes as in the original order, under each decoder setting")
    func corpus() throws {
        for (name, decoder) in Self.settings {
            // Foundation's JSON5 scanner stops the process on some invalid numbers ("1e+"), so JSON5
            // gets only the texts written for it.
            for text in decoder().allowsJSON5 ? Self.json5Texts : Self.texts {
                Self.check(Array(text.utf8), decoder, "\(name): \(text)")
            }
            Self.check(try JSONCoding.encode(JSONCorpus.document), decoder, "\(name): corpus document")
            var generator = SeededGenerator(seed: 0x0DE8)
            for round in 0..<300 {
                Self.check(try JSONCoding.encode(JSONCorpus.randomValue(depth: 4, using: &generator)), decoder, "\(name): random \(round)")
            }
        }
    }

    @Test("JSONDecoder is recognized, nested too, and another decoder keeps the original order")
    func otherDecoders() throws {
        #expect(try JSONDecoder().decode(DecoderIdentityProbe.self, from: Data("1".utf8)).isFoundationJSON)
        #expect(try JSONDecoder().decode([DecoderIdentityProbe].self, from: Data("[1]".utf8))[0].isFoundationJSON)
        let probe = try PropertyListEncoder().encode(["a": 1])
        #expect(try !PropertyListDecoder().decode([String: DecoderIdentityProbe].self, from: probe)["a"]!.isFoundationJSON)
        let list = try PropertyListEncoder().encode(["a": JSONValue.array([.bool(true), .integer(3), .string("x")])])
        let decoded = try PropertyListDecoder().decode([String: JSONValue].self, from: list)
        let reference = try PropertyListDecoder().decode([String: AuditJSONReference.LegacyValue].self, from: list).mapValues(\.value)
        #expect(identical(.object(decoded), .object(reference)))
    }

    static func check(_ bytes: [UInt8], _ decoder: () -> JSONDecoder, _ label: String) {
        let expected = Result { try decoder().decode(AuditJSONReference.LegacyValue.self, from: Data(bytes)).value }
        let actual = Result { try decoder().decode(JSONValue.self, from: Data(bytes)) }
        switch (expected, actual) {
        case (.success(let e), .success(let a)):
            #expect(identical(e, a), "\(label): original \(e), now \(a)")
        case (.failure(let e), .failure(let a)):
            // In JSON5 mode members can fail in different ways (a key it cannot read, a string it
            // cannot read), and which failure Foundation reports changes from one decode to the
            // next even with the original order, so there only the failure itself is compared.
            if !decoder().allowsJSON5 {
                #expect(Self.describeWithoutPath(e) == Self.describeWithoutPath(a), "\(label)")
            }
        default:
            Issue.record("\(label): original \(expected), now \(actual)")
        }
    }
}

extension JSONValueDecodingOrderTests {
    /// The error without its coding path. Where several members of an object fail, Foundation
    /// reports the first in its dictionary's order, which varies from one decode to the next, so
    /// the path is not reproducible even with the original order.
    static func describeWithoutPath(_ error: any Error) -> String {
        let type: (Any.Type) -> String = { String(describing: $0).replacingOccurrences(of: "LegacyValue", with: "JSONValue") }
        switch error as? DecodingError {
        case .typeMismatch(let expected, let context)?: return "typeMismatch \(type(expected)): \(context.debugDescription)"
        case .valueNotFound(let expected, let context)?: return "valueNotFound \(type(expected)): \(context.debugDescription)"
        case .keyNotFound(let key, let context)?: return "keyNotFound \(key.stringValue): \(context.debugDescription)"
        case .dataCorrupted(let context)?: return "dataCorrupted: \(context.debugDescription)"
        default: return JSONValueParsingTests.describe(error)
        }
    }
}

/// Whether the decoder that reads it is recognized as Foundation's `JSONDecoder`.
private struct DecoderIdentityProbe: Decodable {
    let isFoundationJSON: Bool

    init(from decoder: any Decoder) throws {
        isFoundationJSON = FoundationJSONDecoderIdentity.isFoundationJSONDecoder(decoder)
    }
}

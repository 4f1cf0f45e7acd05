import Foundation

/// Recognizes the `Decoder` that Foundation's `JSONDecoder` hands to `init(from:)`.
///
/// That decoder's type is internal to Foundation, so it is learned once by decoding a probe.
/// ``JSONValue`` uses it to try value types in a cheaper order where Foundation's rules make
/// the order irrelevant to the result; any other decoder, or a Foundation that changes its
/// internals, simply is not recognized and gets the general path.
enum FoundationJSONDecoderIdentity {
    private struct Probe: Decodable {
        let decoderType: ObjectIdentifier

        init(from decoder: any Decoder) {
            decoderType = ObjectIdentifier(type(of: decoder))
        }
    }

    private static let decoderType: ObjectIdentifier? = try? JSONDecoder().decode(Probe.self, from: Data("0".utf8)).decoderType

    /// Whether `decoder` is Foundation's JSON decoder.
    static func isFoundationJSONDecoder(_ decoder: any Decoder) -> Bool {
        ObjectIdentifier(type(of: decoder)) == decoderType
    }
}

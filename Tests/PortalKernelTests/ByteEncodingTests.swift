import Foundation
import Testing

@testable import PortalKernel

@Suite("Byte encoding")
struct ByteEncodingTests {
    /// The URL-safe alphabet without padding, as RFC 4648 §5 defines it: the same text as
    /// Foundation's base64 with `+/` swapped for `-_` and the `=` removed, for every length.
    @Test func base64URLMatchesTheStandardEncodingForEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(ByteEncoding.base64URL(bytes) == expected)
            #expect(ByteEncoding.bytes(fromBase64: ByteEncoding.base64URL(bytes)) == bytes)
        }
        #expect(ByteEncoding.base64URL([0xfb, 0xff]) == "-_8")
    }
}

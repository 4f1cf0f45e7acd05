import Testing

@testable import PortalKernel

@Suite("OpaqueToken")
struct OpaqueTokenTests {
    @Test("Generated tokens are unique, prefixed base64url of the requested length")
    func generate() {
        let tokens = (0..<100).map { _ in OpaqueToken.generate(prefix: "pat_") }
        #expect(Set(tokens).count == 100)
        for token in tokens {
            #expect(token.value.hasPrefix("pat_"))
            let body = token.value.dropFirst(4)
            #expect(body.count == 43)  // 32 bytes, unpadded base64url
            #expect(body.utf8.allSatisfy { isBase64URL($0) })
        }
        #expect(OpaqueToken.generate().value.count == 43)
        #expect(OpaqueToken.generate(byteCount: 16).value.count == 22)
        #expect(OpaqueToken.generate(byteCount: 48).value.count == 64)
    }

    @Test("The hash is stable lowercase hex SHA-256 of the value")
    func hash() {
        let token = OpaqueToken(value: "abc")
        #expect(token.hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(OpaqueToken.hash("abc") == token.hash)
        let generated = OpaqueToken.generate()
        #expect(generated.hash == OpaqueToken.hash(generated.value))
        #expect(generated.hash.count == 64)
        #expect(generated.hash.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
        #expect(OpaqueToken.generate().hash != generated.hash)
    }

    @Test("The value stays out of descriptions and dumps")
    func redacted() {
        let token = OpaqueToken.generate(prefix: "sess_")
        #expect(token.description == "OpaqueToken(redacted)")
        #expect(String(describing: token) == "OpaqueToken(redacted)")
        #expect(String(reflecting: token) == "OpaqueToken(redacted)")
        #expect(!"\(token)".contains(token.value))
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains(token.value))
    }

    private func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case 65...90, 97...122, 48...57, 45, 95: true
        default: false
        }
    }
}

@Suite("RecoveryCodes")
struct RecoveryCodesTests {
    static let alphabet = Set("0123456789abcdefghjkmnpqrstvwxyz")

    @Test("Codes are unique xxxxx-xxxxx strings from an unambiguous alphabet")
    func format() {
        let codes = RecoveryCodes.generate()
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        #expect(RecoveryCodes.generate(count: 3).count == 3)
        for code in codes {
            let parts = code.split(separator: "-", omittingEmptySubsequences: false)
            #expect(parts.count == 2)
            #expect(parts.allSatisfy { $0.count == 5 && $0.allSatisfy(Self.alphabet.contains) })
            #expect(RecoveryCodes.normalize(code) == code.replacing("-", with: ""))
        }
    }

    @Test("Normalisation ignores case, spaces, dashes and look-alike letters")
    func normalize() {
        #expect(RecoveryCodes.normalize(" 7KQ2M - X9D4A ") == "7kq2mx9d4a")
        #expect(RecoveryCodes.normalize("o0-iL1") == "00111")
        #expect(RecoveryCodes.hash("7kq2m-x9d4a") == RecoveryCodes.hash("7KQ2MX9D4A"))
        #expect(RecoveryCodes.hash("7kq2m-x9d4a") == RecoveryCodes.hash("7kq2m x9d4a"))
        #expect(RecoveryCodes.hash("7kq2m-x9d4a") != RecoveryCodes.hash("7kq2m-x9d4b"))
        #expect(RecoveryCodes.hash("abc") == Digests.sha256Hex(Array("abc".utf8)))
    }
}

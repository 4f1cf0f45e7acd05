import Foundation
import Testing

@testable import PortalKernel

@Suite("TOTP")
struct TOTPTests {
    static let sha1Secret = Array("12345678901234567890".utf8)
    static let sha256Secret = Array("12345678901234567890123456789012".utf8)
    static let sha512Secret = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)

    /// RFC 6238 appendix B: (seconds since the epoch, SHA1, SHA256, SHA512 codes).
    static let vectors: [(Int64, String, String, String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test("RFC 6238 test vectors", arguments: vectors)
    func rfcVectors(vector: (Int64, String, String, String)) {
        let (seconds, sha1, sha256, sha512) = vector
        let instant = Instant(secondsSinceEpoch: seconds)
        func totp(_ secret: [UInt8], _ algorithm: TOTP.Algorithm) -> TOTP {
            TOTP(secret: secret, parameters: .init(algorithm: algorithm, digits: 8))
        }
        #expect(totp(Self.sha1Secret, .sha1).code(at: instant) == sha1)
        #expect(totp(Self.sha256Secret, .sha256).code(at: instant) == sha256)
        #expect(totp(Self.sha512Secret, .sha512).code(at: instant) == sha512)
        #expect(totp(Self.sha1Secret, .sha1).matchingStep(sha1, at: instant) == seconds / 30)
    }

    @Test("Six-digit codes are the last six digits of the eight-digit ones, zero-padded")
    func defaultDigits() {
        let totp = TOTP(secret: Self.sha1Secret)
        #expect(totp.code(at: Instant(secondsSinceEpoch: 59)) == "287082")
        #expect(totp.code(at: Instant(secondsSinceEpoch: 1_111_111_109)) == "081804")
        #expect(totp.parameters == TOTP.Parameters(algorithm: .sha1, digits: 6, stepSeconds: 30))
    }

    @Test("A code is accepted one step either side and refused two steps away")
    func window() {
        let totp = TOTP(secret: TOTP.generateSecret())
        let now = Instant(secondsSinceEpoch: 1_795_247_667)
        let step = totp.step(at: now)
        let code = totp.code(at: now)
        #expect(totp.matchingStep(code, at: now) == step)
        #expect(totp.matchingStep(code, at: now + .seconds(30)) == step)
        #expect(totp.matchingStep(code, at: now - .seconds(30)) == step)
        #expect(totp.matchingStep(totp.code(forStep: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(totp.code(forStep: step + 1), at: now) == step + 1)
        #expect(totp.matchingStep(totp.code(forStep: step - 2), at: now) == nil)
        #expect(totp.matchingStep(totp.code(forStep: step + 2), at: now) == nil)
        #expect(totp.matchingStep(totp.code(forStep: step + 2), at: now, window: 2) == step + 2)
        #expect(totp.matchingStep(totp.code(forStep: step + 1), at: now, window: 0) == nil)
    }

    @Test("Malformed codes are refused", arguments: ["", "12345", "1234567", "12345a", " 123456", "１２３４５６"])
    func malformed(code: String) {
        let totp = TOTP(secret: Self.sha1Secret)
        #expect(totp.matchingStep(code, at: Instant(secondsSinceEpoch: 59)) == nil)
    }

    @Test("Generated secrets are 20 random bytes")
    func generatedSecret() {
        let first = TOTP.generateSecret(), second = TOTP.generateSecret()
        #expect(first.count == 20)
        #expect(first != second)
    }

    @Test("The provisioning URI carries the secret, parameters and a percent-encoded label")
    func provisioningURI() {
        let totp = TOTP(secret: Self.sha1Secret)
        #expect(
            totp.provisioningURI(issuer: "Acme", account: "ada@example.com")
                == "otpauth://totp/Acme:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Acme&algorithm=SHA1&digits=6&period=30")
        let custom = TOTP(secret: [0xFF], parameters: .init(algorithm: .sha256, digits: 8, stepSeconds: 60))
        #expect(
            custom.provisioningURI(issuer: "Acme & Co: Zürich", account: "a b+c/d?")
                == "otpauth://totp/Acme%20%26%20Co%3A%20Z%C3%BCrich:a%20b%2Bc%2Fd%3F?secret=74"
                + "&issuer=Acme%20%26%20Co%3A%20Z%C3%BCrich&algorithm=SHA256&digits=8&period=60")
    }

    @Test("The secret stays out of descriptions")
    func redacted() {
        let totp = TOTP(secret: Self.sha1Secret)
        #expect(!String(describing: totp).contains("1234"))
        var dumped = ""
        dump(totp, to: &dumped)
        #expect(!dumped.contains("49"))
    }
}

@Suite("Base32")
struct Base32Tests {
    @Test(
        "RFC 4648 test vectors",
        arguments: [
            ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
        ])
    func vectors(plain: String, encoded: String) {
        let bytes = Array(plain.utf8)
        #expect(Base32.encode(bytes, padding: true) == encoded)
        #expect(Base32.encode(bytes) == encoded.replacingOccurrences(of: "=", with: ""))
        #expect(Base32.decode(encoded) == bytes)
        #expect(Base32.decode(encoded.lowercased().replacingOccurrences(of: "=", with: "")) == bytes)
    }

    @Test("Round trip over every length up to 40 bytes")
    func roundTrip() {
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
            #expect(Base32.decode(Base32.encode(bytes, padding: true)) == bytes)
        }
    }

    @Test("Spaces are ignored")
    func spaces() {
        #expect(Base32.decode("mzxw 6ytb oi") == Array("foobar".utf8))
    }

    @Test("Bad input is refused", arguments: ["M", "MZ", "MZX", "MZXW6Y", "MZ1W", "MZXW6YTB0I", "MZ-X", "MZ\u{E9}"])
    func bad(text: String) {
        #expect(Base32.decode(text) == nil)
    }
}

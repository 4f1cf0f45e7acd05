import Foundation
import PortalKernel
import Testing

@Suite("AES-GCM secret box")
struct SecretBoxTests {
    let context = "tenant:0192f0c4-0000-7000-8000-000000000001/gateway:stripe/secret_key"

    func keyring(_ ids: String...) throws -> SecretKeyring {
        let keys = try ids.map { try SecretKey.generate(id: $0) }
        return try SecretKeyring(active: keys[0], others: Array(keys.dropFirst()))
    }

    @Test("sealing then opening returns the plaintext, including empty and non-ASCII secrets")
    func roundTrip() throws {
        let box = AESGCMSecretBox(keyring: try keyring("k1"))
        for plaintext in ["sk_test_51H…", "", "pässwörd-Łódź-東京", String(repeating: "x", count: 10_000)] {
            let sealed = try box.seal(Array(plaintext.utf8), context: context)
            #expect(sealed.keyID == "k1")
            #expect(String(decoding: try box.open(sealed, context: context), as: UTF8.self) == plaintext)
        }
    }

    @Test("the text form round-trips and has the v1.<key>.<base64url> shape")
    func textForm() throws {
        let box = AESGCMSecretBox(keyring: try keyring("k1"))
        let sealed = try box.seal(Secret("sk_live_abc"), context: context)
        let parts = sealed.text.split(separator: ".")
        #expect(parts.count == 3 && parts[0] == "v1" && parts[1] == "k1")
        #expect(!sealed.text.contains("=") && !sealed.text.contains("+") && !sealed.text.contains("/"))
        #expect(sealed.payload.count == 12 + 11 + 16)
        let parsed = try SealedSecret(parsing: sealed.text, field: "secret_key")
        #expect(parsed == sealed)
        #expect(try box.openSecret(parsed, context: context).revealed == "sk_live_abc")
    }

    @Test("two seals of the same plaintext differ (fresh nonces)")
    func freshNonces() throws {
        let box = AESGCMSecretBox(keyring: try keyring("k1"))
        let first = try box.seal(Array("same".utf8), context: context)
        let second = try box.seal(Array("same".utf8), context: context)
        #expect(first != second)
    }

    @Test("opening with another context fails without revealing anything")
    func wrongContext() throws {
        let box = AESGCMSecretBox(keyring: try keyring("k1"))
        let sealed = try box.seal(Array("sk_test_secret".utf8), context: context)
        let error = #expect(throws: PortalError.self) {
            try box.open(sealed, context: "tenant:0192f0c4-0000-7000-8000-000000000002/gateway:stripe/secret_key")
        }
        #expect(error?.code == .internal)
        #expect(error?.debugDetail?.contains("sk_test_secret") == false)
        #expect(error?.description.contains("sk_test_secret") == false)
    }

    @Test("any altered byte of the payload, or a swapped key id, fails to open")
    func tampering() throws {
        let box = AESGCMSecretBox(keyring: try keyring("k1", "k2"))
        let sealed = try box.seal(Array("sk_test_secret".utf8), context: context)
        for index in sealed.payload.indices {
            var payload = sealed.payload
            payload[index] ^= 0x01
            let altered = try SealedSecret(keyID: sealed.keyID, payload: payload)
            #expect(throws: PortalError.self) { try box.open(altered, context: context) }
        }
        let swapped = try SealedSecret(keyID: "k2", payload: sealed.payload)
        #expect(throws: PortalError.self) { try box.open(swapped, context: context) }
        let truncated = try SealedSecret(keyID: "k1", payload: Array(sealed.payload.dropLast()))
        #expect(throws: PortalError.self) { try box.open(truncated, context: context) }
    }

    @Test("a secret sealed with an unknown key names the key id, not the material")
    func unknownKey() throws {
        let sealed = try AESGCMSecretBox(keyring: try keyring("old")).seal(Array("x".utf8), context: context)
        let box = AESGCMSecretBox(keyring: try keyring("k1"))
        let error = #expect(throws: PortalError.self) { try box.open(sealed, context: context) }
        #expect(error?.debugDetail?.contains("'old'") == true)
    }

    @Test("rotation: old rows open and need resealing; new seals use the new active key")
    func rotation() throws {
        let k1 = try SecretKey.generate(id: "k1")
        let before = AESGCMSecretBox(keyring: try SecretKeyring(active: k1))
        let oldRow = try before.seal(Array("sk_live_1".utf8), context: context)
        #expect(!before.needsResealing(oldRow))

        let rotated = try before.keyring.activating(try SecretKey.generate(id: "k2"))
        #expect(rotated.keyIDs == ["k2", "k1"])
        let after = AESGCMSecretBox(keyring: rotated)
        #expect(try after.open(oldRow, context: context) == Array("sk_live_1".utf8))
        #expect(after.needsResealing(oldRow))

        let newRow = try after.seal(Array("sk_live_2".utf8), context: context)
        #expect(newRow.keyID == "k2")
        #expect(!after.needsResealing(newRow))

        let resealed = try after.reseal(oldRow, context: context)
        #expect(resealed.keyID == "k2")
        #expect(try after.open(resealed, context: context) == Array("sk_live_1".utf8))
        #expect(try after.reseal(newRow, context: context) == newRow)

        let retired = try rotated.removing(id: "k1")
        #expect(retired.keyIDs == ["k2"])
        #expect(throws: PortalError.self) { try AESGCMSecretBox(keyring: retired).open(oldRow, context: context) }
        #expect(throws: PortalError.self) { try rotated.removing(id: "k2") }
    }

    @Test("a sealed secret is SQL-encodable and Codable as its text form")
    func storage() throws {
        let sealed = try AESGCMSecretBox(keyring: try keyring("k1")).seal(Array("x".utf8), context: context)
        #expect(sealed.sqlValue == .text(sealed.text))
        #expect(try SealedSecret(sqlValue: .text(sealed.text)) == sealed)
        #expect(throws: SQLDecodingError.self) { try SealedSecret(sqlValue: .text("v2.k1.AAAA")) }
        #expect(throws: SQLDecodingError.self) { try SealedSecret(sqlValue: .integer(3)) }
        let json = try JSONCoding.encodeToString(["secret": sealed])
        #expect(json == "{\"secret\":\"\(sealed.text)\"}")
        #expect(try JSONCoding.decode([String: SealedSecret].self, from: json)["secret"] == sealed)
    }

    @Test("malformed text forms are rejected", arguments: [
        "", "v1", "v1.k1", "v2.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "v1..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.k1.AAAA", "v1.k 1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*A",
        "v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra",
    ])
    func malformed(text: String) {
        #expect(SealedSecret(text) == nil)
        let error = #expect(throws: PortalError.self) { try SealedSecret(parsing: text, field: "api_key") }
        #expect(error?.field == "api_key")
    }
}

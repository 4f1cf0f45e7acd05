import Foundation
import PortalKernel
import Testing

@Suite("Secret keyrings, keys and the Secret wrapper")
struct SecretBoxKeyringTests {
    static let keyA = Data(repeating: 0xA1, count: 32).base64EncodedString()
    static let keyB = Data((0..<32).map { UInt8($0) }).base64EncodedString()

    @Test("lines and commas both work; the first key is active; comments and blanks are ignored")
    func parsing() throws {
        let fromLines = try SecretKeyring(parsing: "# keys\n\nk2:\(Self.keyB)\n  k1 : \(Self.keyA)  \n")
        #expect(fromLines.keyIDs == ["k2", "k1"])
        #expect(fromLines.activeKey.id == "k2")
        let fromCommas = try SecretKeyring(parsing: "k2:\(Self.keyB),k1:\(Self.keyA)")
        #expect(fromCommas.keyIDs == ["k2", "k1"])
        let urlSafe = Self.keyB.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        #expect(try SecretKeyring(parsing: "k1:\(urlSafe)").keyIDs == ["k1"])
    }

    @Test("keys parsed from text open what the same keys sealed")
    func parsedKeysWork() throws {
        let text = "k1:\(Self.keyA)"
        let sealed = try AESGCMSecretBox(keyring: try SecretKeyring(parsing: text)).seal(Array("hello".utf8), context: "c")
        #expect(try AESGCMSecretBox(keyring: try SecretKeyring(parsing: text)).open(sealed, context: "c") == Array("hello".utf8))
    }

    @Test("bad entries are rejected with the entry's field name", arguments: [
        ("", "PORTAL_SECRET_KEYS"),
        ("# only a comment\n", "PORTAL_SECRET_KEYS"),
        ("k1:\(keyA),nocolon", "PORTAL_SECRET_KEYS[1]"),
        ("k1:not*base64!", "PORTAL_SECRET_KEYS[0]"),
        ("k1:\(Data(repeating: 1, count: 16).base64EncodedString())", "PORTAL_SECRET_KEYS[0]"),
        ("k1:\(Data(repeating: 1, count: 33).base64EncodedString())", "PORTAL_SECRET_KEYS[0]"),
        ("k1:\(keyA)\nk2:\(keyB)\nk1:\(keyB)", "PORTAL_SECRET_KEYS[2]"),
        (":\(keyA)", "PORTAL_SECRET_KEYS[0]"),
        ("bad.id:\(keyA)", "PORTAL_SECRET_KEYS[0]"),
    ])
    func parsingErrors(text: String, field: String) {
        let error = #expect(throws: PortalError.self) { try SecretKeyring(parsing: text, field: "PORTAL_SECRET_KEYS") }
        #expect(error?.code == .invalid)
        #expect(error?.field == field)
        #expect(error?.description.contains(Self.keyA) == false)
        #expect(error?.description.contains(Self.keyB) == false)
    }

    @Test("the wrong-length message names the length, never the key")
    func wrongLengthMessage() {
        let short = Data(repeating: 7, count: 16).base64EncodedString()
        let error = #expect(throws: PortalError.self) { try SecretKeyring(parsing: "k9:\(short)") }
        #expect(error?.message.contains("16 bytes") == true)
        #expect(error?.message.contains(short) == false)
    }

    @Test("descriptions, debug descriptions and dumps of keys and keyrings are redacted")
    func redaction() throws {
        let keyring = try SecretKeyring(parsing: "k2:\(Self.keyB)\nk1:\(Self.keyA)")
        var dumped = ""
        dump(keyring, to: &dumped)
        dump(keyring.activeKey, to: &dumped)
        let box = AESGCMSecretBox(keyring: keyring)
        let texts = [
            keyring.description, keyring.debugDescription, "\(keyring)", String(reflecting: keyring),
            keyring.activeKey.description, String(reflecting: keyring.activeKey), box.description, dumped,
        ]
        for text in texts {
            #expect(!text.contains(Self.keyA) && !text.contains(Self.keyB), "leaked in: \(text)")
        }
        #expect(keyring.description == "SecretKeyring(active: k2, keys: [k2, k1], <redacted>)")
    }

    @Test("generate and export produce a key file that parses back to the same keys")
    func generateAndExport() throws {
        let keyring = try SecretKeyring.generate(id: "k1")
        #expect(keyring.keyIDs == ["k1"])
        let sealed = try AESGCMSecretBox(keyring: keyring).seal(Array("first run".utf8), context: "c")
        let reloaded = try SecretKeyring(parsing: keyring.exportedText)
        #expect(try AESGCMSecretBox(keyring: reloaded).open(sealed, context: "c") == Array("first run".utf8))
        #expect(try SecretKeyring.generate(id: "k1").exportedText != keyring.exportedText)
        #expect(throws: PortalError.self) { try SecretKeyring.generate(id: "") }
        #expect(throws: PortalError.self) { try SecretKey.generate(id: String(repeating: "k", count: 33)) }
    }

    @Test("duplicate ids are refused when building or rotating a keyring")
    func duplicates() throws {
        let key = try SecretKey.generate(id: "k1")
        let twin = try SecretKey.generate(id: "k1")
        let error = #expect(throws: PortalError.self) { try SecretKeyring(active: key, others: [twin]) }
        #expect(error?.field == "keys[1]")
        #expect(throws: PortalError.self) { try SecretKeyring(active: key).activating(twin) }
    }

    @Test("Secret prints as <redacted> everywhere but revealed")
    func secretWrapper() throws {
        let secret = Secret("sk_live_topsecret")
        var dumped = ""
        dump(secret, to: &dumped)
        for text in [secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret), dumped] {
            #expect(!text.contains("topsecret"), "leaked in: \(text)")
        }
        #expect(secret.description == "<redacted>")
        #expect(secret.revealed == "sk_live_topsecret")
        #expect(secret == Secret("sk_live_topsecret"))
        #expect(secret != Secret("sk_live_other"))
        #expect(Secret("").isEmpty)
        let decoded = try JSONCoding.decode([String: Secret].self, from: #"{"api_key":"abc"}"#)
        #expect(decoded["api_key"]?.revealed == "abc")
    }

    @Test("ProviderAccount describes itself without secret values and names missing fields")
    func providerAccount() throws {
        let account = ProviderAccount(
            id: "conn-1", mode: .sandbox, secrets: ["secret_key": Secret("sk_test_hidden")], settings: ["region": "za"])
        #expect(!account.description.contains("sk_test_hidden"))
        #expect(account.description.contains("secret_key"))
        #expect(try account.secret("secret_key").revealed == "sk_test_hidden")
        #expect(try account.setting("region") == "za")
        let error = #expect(throws: PortalError.self) { try account.secret("webhook_secret") }
        #expect(error?.field == "webhook_secret")
    }
}

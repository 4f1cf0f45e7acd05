import Testing

@testable import PortalKernel

@Suite("PasswordRules")
struct PasswordRulesTests {
    @Test(
        "Acceptable passwords",
        arguments: [
            "correcthorse", "0123456789", String(repeating: "a", count: 72), "pässwörter!", "  spaced  out  ",
            String(repeating: "é", count: 36),
        ])
    func accepted(password: String) throws {
        try PasswordRules.validate(password)
    }

    @Test("Too short, counting characters rather than bytes", arguments: ["", "short", "123456789", "ééééééééé"])
    func tooShort(password: String) {
        let expected = PortalError.invalid("The password must be at least 10 characters long.", field: "password")
        #expect(throws: expected) { try PasswordRules.validate(password) }
    }

    @Test(
        "Too long for bcrypt, counting UTF-8 bytes",
        arguments: [String(repeating: "a", count: 73), String(repeating: "é", count: 37)])
    func tooLong(password: String) {
        let error = #expect(throws: PortalError.self) { try PasswordRules.validate(password, field: "new_password") }
        #expect(error?.code == .invalid)
        #expect(error?.field == "new_password")
        #expect(error?.message.contains("72 bytes") == true)
        #expect(error?.message.contains("bcrypt") == true)
    }

    @Test("Only whitespace is refused")
    func whitespace() {
        let error = #expect(throws: PortalError.self) { try PasswordRules.validate(String(repeating: " ", count: 12)) }
        #expect(error?.code == .invalid)
        #expect(error?.field == "password")
    }

    @Test("The limits are public")
    func limits() {
        #expect(PasswordRules.minimumLength == 10)
        #expect(PasswordRules.maximumBytes == 72)
    }
}

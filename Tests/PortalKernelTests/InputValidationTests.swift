import Testing

@testable import PortalKernel

@Suite("Input validation")
struct InputValidationTests {
    @Test func requiredTextIsTrimmedAndBounded() throws {
        #expect(try InputValidation.required("  Karoo Coffee  ", field: "name") == "Karoo Coffee")
        #expect(throws: PortalError.invalid("name is required.", field: "name")) { try InputValidation.required("   ", field: "name") }
        #expect(throws: PortalError.invalid("name is required.", field: "name")) { try InputValidation.required(nil, field: "name") }
        #expect(throws: PortalError.invalid("name must be at most 200 characters.", field: "name")) {
            try InputValidation.required(String(repeating: "a", count: 201), field: "name")
        }
        #expect(try InputValidation.required(String(repeating: "ü", count: 200), field: "name").count == 200)
        #expect(throws: PortalError.invalid("name must not contain control characters.", field: "name")) {
            try InputValidation.required("a\u{0}b", field: "name")
        }
    }

    @Test func emptyOptionalTextMeansNoValue() throws {
        #expect(try InputValidation.optional("", field: "title") == nil)
        #expect(try InputValidation.optional(nil, field: "title") == nil)
        #expect(try InputValidation.optional(" CFO ", field: "title") == "CFO")
    }

    @Test(arguments: ["ana@example.com", "a.b+tag@sub.example.co.za", "Ünïcödé@例え.jp"])
    func acceptsEmails(_ email: String) throws {
        #expect(try InputValidation.email(email) == email)
    }

    @Test(arguments: ["ana", "ana@", "@example.com", "ana@example", "ana@@example.com", "ana @example.com", "ana@.example.com", "a,b@example.com"])
    func refusesMalformedEmails(_ email: String) {
        #expect(throws: PortalError.invalid("email must be a valid email address.", field: "email")) { try InputValidation.email(email) }
    }

    @Test func emailKeysIgnoreCase() {
        #expect(InputValidation.emailKey(" Ana@Example.COM ") == "ana@example.com")
    }

    @Test func slugsAndURLsAndPhones() throws {
        #expect(try InputValidation.slug("acme-digital") == "acme-digital")
        for bad in ["A", "Acme", "acme--x", "-acme", "acme-", "1acme", "acme_x"] {
            #expect(throws: PortalError.self) { try InputValidation.slug(bad) }
        }
        #expect(try InputValidation.optionalURL("https://karoo.coffee", field: "website") == "https://karoo.coffee")
        #expect(throws: PortalError.invalid("website must be an http or https URL.", field: "website")) {
            try InputValidation.optionalURL("javascript:alert(1)", field: "website")
        }
        #expect(try InputValidation.optionalPhone("+27 21 555 0100") == "+27 21 555 0100")
        #expect(throws: PortalError.invalid("phone must be a phone number.", field: "phone")) { try InputValidation.optionalPhone("call me") }
    }

    @Test func choicesNameTheAllowedValues() throws {
        #expect(try InputValidation.choice("owner", as: CompanyRole.self, field: "role") == .owner)
        #expect(throws: PortalError.invalid("role must be one of: owner, admin, billing, viewer, developer.", field: "role")) {
            try InputValidation.choice("superuser", as: CompanyRole.self, field: "role")
        }
    }
}

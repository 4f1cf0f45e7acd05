import PortalKernel
import Testing

@Suite("JSON conventions and decoding errors")
struct JSONCodingTests {
    struct Company: Codable, Equatable {
        struct Address: Codable, Equatable { let postalCode: String }
        let legalName: String
        let employeeCount: Int
        let addresses: [Address]
    }

    @Test("keys are snake_case and sorted")
    func encoding() throws {
        let text = try JSONCoding.encodeToString(Company(legalName: "Acme", employeeCount: 3, addresses: []))
        #expect(text == #"{"addresses":[],"employee_count":3,"legal_name":"Acme"}"#)
    }

    @Test("a missing field is named in snake_case")
    func missingField() {
        do {
            _ = try JSONCoding.decode(Company.self, from: #"{"legal_name":"Acme","addresses":[]}"#)
            Issue.record("expected an error")
        } catch let error as PortalError {
            #expect(error.code == .invalid)
            #expect(error.field == "employee_count")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a wrong type deep inside is named with its path")
    func nestedTypeMismatch() {
        do {
            _ = try JSONCoding.decode(
                Company.self,
                from: #"{"legal_name":"Acme","employee_count":3,"addresses":[{"postal_code":"8001"},{"postal_code":7}]}"#)
            Issue.record("expected an error")
        } catch let error as PortalError {
            #expect(error.field == "addresses[1].postal_code")
            #expect(error.message == "Expected a string.")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("malformed JSON is invalid without a field")
    func malformed() {
        #expect(throws: PortalError.invalid("The body is not valid JSON.")) {
            try JSONCoding.decode(Company.self, from: "{not json")
        }
    }
}

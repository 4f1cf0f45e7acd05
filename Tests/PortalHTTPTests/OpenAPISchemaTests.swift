import Foundation
import PortalKernel
import Testing

/// The document's component schemas describe the JSON the kernel's types read and write: the
/// same snake_case fields, the same enum values, the same sort keys.
///
/// Each check decodes a type from a sample the schema itself generates (so every required
/// field the type needs must be in the schema, with a usable type), then compares the type's
/// stored properties, as `JSONCoding` names them, with the schema's `properties`.
@Suite("The OpenAPI schemas match the kernel's JSON")
struct OpenAPISchemaTests {
    /// A kernel type and the component schema that describes it.
    struct Pairing: Sendable, CustomTestStringConvertible {
        let schema: String
        let decode: @Sendable (Data) throws -> Any
        var testDescription: String { schema }

        init<Value: Decodable & SendableMetatype>(_ type: Value.Type, _ schema: String) {
            self.schema = schema
            self.decode = { data in try JSONCoding.makeDecoder().decode(Value.self, from: data) }
        }
    }

    static let pairings: [Pairing] = [
        Pairing(Tenant.self, "Tenant"), Pairing(TenantUpdate.self, "TenantUpdate"),
        Pairing(User.self, "User"), Pairing(NewUser.self, "NewUser"), Pairing(UserUpdate.self, "UserUpdate"),
        Pairing(Agency.self, "Agency"),
        Pairing(Company.self, "Company"), Pairing(PostalAddress.self, "PostalAddress"), Pairing(CompanyInput.self, "CompanyInput"),
        Pairing(Contact.self, "Contact"), Pairing(ContactInput.self, "ContactInput"),
        Pairing(CompanyMembership.self, "CompanyMembership"), Pairing(CompanyPermissions.self, "CompanyPermissions"),
        Pairing(CompanyMemberWithUser.self, "CompanyMember"), Pairing(MembershipUpdate.self, "MembershipUpdate"),
        Pairing(Invitation.self, "Invitation"), Pairing(NewInvitation.self, "NewInvitation"),
        Pairing(InvitationPreview.self, "InvitationPreview"),
        Pairing(APIToken.self, "APIToken"), Pairing(SessionInfo.self, "SessionInfo"),
        Pairing(AuditEvent.self, "AuditEvent"), Pairing(AuditChange.self, "AuditChange"),
        Pairing(AuditVerification.self, "AuditVerification"), Pairing(AuditChainBreak.self, "AuditChainBreak"),
    ]

    @Test("a schema's properties are the type's fields", arguments: pairings)
    func fields(_ pairing: Pairing) throws {
        let document = try OpenAPIAgreementTests.document()
        let schema = try Self.schema(pairing.schema, in: document)
        let sample = Self.sample(schema, in: document)
        let data = try JSONSerialization.data(withJSONObject: sample)
        let value: Any
        do {
            value = try pairing.decode(data)
        } catch {
            Issue.record("\(pairing.schema): the kernel cannot read a value the schema describes (\(error))")
            return
        }
        let fields = Set(Mirror(reflecting: value).children.compactMap { $0.label.map(Self.snakeCase) })
        let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        #expect(
            fields == properties,
            """
            \(pairing.schema): fields the schema lacks: \(fields.subtracting(properties).sorted()); \
            properties the type lacks: \(properties.subtracting(fields).sorted())
            """)
    }

    @Test("enum schemas list exactly the kernel's values")
    func enums() throws {
        let document = try OpenAPIAgreementTests.document()
        func check<Value: RawRepresentable & CaseIterable>(_ type: Value.Type, _ name: String) throws where Value.RawValue == String {
            let values = try #require(try Self.schema(name, in: document)["enum"] as? [String], "\(name) has no enum")
            #expect(Set(values) == Set(Value.allCases.map(\.rawValue)), "\(name)")
        }
        try check(UserKind.self, "UserKind")
        try check(UserStatus.self, "UserStatus")
        try check(CompanyStatus.self, "CompanyStatus")
        try check(CompanyType.self, "CompanyType")
        try check(CompanyRole.self, "CompanyRole")
        try check(InvitationStatus.self, "InvitationStatus")
        try check(SessionStage.self, "SessionStage")
    }

    @Test("sort parameters allow exactly the kernel's sort fields, each either way")
    func sorts() throws {
        let document = try OpenAPIAgreementTests.document()
        let parameters = try #require((document["components"] as? [String: Any])?["parameters"] as? [String: Any])
        for (name, fields) in [
            ("UserSort", UserListOptions.sortFields), ("CompanySort", CompanyListOptions.sortFields),
            ("ContactSort", ContactListOptions.sortFields),
        ] {
            let parameter = try #require(parameters[name] as? [String: Any], "no parameter \(name)")
            let values = (parameter["schema"] as? [String: Any])?["enum"] as? [String] ?? []
            let expected = fields.flatMap { [$0.rawValue, "-" + $0.rawValue] }
            #expect(Set(values) == Set(expected), "\(name)")
        }
    }

    // MARK: Helpers

    static func schema(_ name: String, in document: [String: Any]) throws -> [String: Any] {
        try #require(
            OpenAPIAgreementTests.resolve("#/components/schemas/\(name)", in: document) as? [String: Any], "no schema \(name)")
    }

    /// A value the schema accepts, with every property filled in and nulls avoided.
    static func sample(_ schema: [String: Any], in document: [String: Any], depth: Int = 0) -> Any {
        guard depth < 12 else { return NSNull() }
        if let reference = schema["$ref"] as? String, let target = OpenAPIAgreementTests.resolve(reference, in: document) as? [String: Any] {
            return sample(target, in: document, depth: depth + 1)
        }
        if let value = schema["const"] { return value }
        if let values = schema["enum"] as? [Any], let first = values.first { return first }
        if let examples = schema["examples"] as? [Any], let first = examples.first { return first }
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        switch types.first(where: { $0 != "null" }) {
        case "string":
            switch schema["format"] as? String {
            case "uuid": return "0190f2c4-8a6e-7c3d-9b1a-2f4e5d6c7b8a"
            case "date-time": return "2026-11-21T07:54:27.123456Z"
            case "email": return "ana@example.com"
            case "uri": return "https://example.com/a"
            default: return "text"
            }
        case "integer": return (schema["minimum"] as? Int) ?? 1
        case "number": return 1.5
        case "boolean": return true
        case "array":
            return [sample(schema["items"] as? [String: Any] ?? [:], in: document, depth: depth + 1)]
        case "object":
            var object: [String: Any] = [:]
            for (key, property) in schema["properties"] as? [String: Any] ?? [:] {
                object[key] = sample(property as? [String: Any] ?? [:], in: document, depth: depth + 1)
            }
            if object.isEmpty, let additional = schema["additionalProperties"] as? [String: Any] {
                object["name"] = sample(additional, in: document, depth: depth + 1)
            }
            return object
        default:
            for key in ["anyOf", "oneOf", "allOf"] {
                let branches = (schema[key] as? [[String: Any]] ?? []).filter { ($0["type"] as? String) != "null" }
                if let branch = branches.first { return sample(branch, in: document, depth: depth + 1) }
            }
            return "any"
        }
    }

    /// `canApproveDevelopers` as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` writes it.
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previousIsLower = characters[index - 1].isLowercase || characters[index - 1].isNumber
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previousIsLower || (characters[index - 1].isUppercase && nextIsLower) { result.append("_") }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}

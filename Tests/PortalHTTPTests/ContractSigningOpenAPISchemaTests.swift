import Foundation
@testable import PortalHTTP
import PortalKernel
import Testing

/// The contract-signing schemas of the OpenAPI document describe the JSON the kernel's contract
/// document and signature types read and write (see ``OpenAPISchemaTests`` for the method).
@Suite("The contract-signing OpenAPI schemas match the kernel's JSON")
struct ContractSigningOpenAPISchemaTests {
    typealias Pairing = OpenAPISchemaTests.Pairing

    static let pairings: [Pairing] = [
        Pairing(ContractDocument.self, "ContractDocument"), Pairing(ContractDocumentVersion.self, "ContractDocumentVersion"),
        Pairing(ContractDocumentInput.self, "ContractDocumentInput"), Pairing(ContractSignature.self, "ContractSignature"),
        Pairing(ContractSignatureInput.self, "ContractSignatureInput"),
        Pairing(ContractCountersignatureInput.self, "ContractCountersignatureInput"),
    ]

    @Test("a contract-signing schema's properties are the type's fields", arguments: pairings)
    func fields(_ pairing: Pairing) throws {
        try OpenAPISchemaTests().fields(pairing)
    }

    @Test("the signature party lists exactly the kernel's values, and the lists have items")
    func enumsAndLists() throws {
        let document = try OpenAPIAgreementTests.document()
        let values = try #require(try OpenAPISchemaTests.schema("ContractSignatureParty", in: document)["enum"] as? [String])
        #expect(Set(values) == Set(ContractSignatureParty.allCases.map(\.rawValue)))
        for name in ["ContractSignatureList", "ContractDocumentVersionList"] {
            let properties = try OpenAPISchemaTests.schema(name, in: document)["properties"] as? [String: Any] ?? [:]
            #expect(Set(properties.keys) == ["items"], "\(name)")
        }
    }
}

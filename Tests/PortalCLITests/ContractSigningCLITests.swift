import Foundation
import PortalKernel
import Testing

/// The contract document and signing commands, run as the built binary against a fresh
/// database with the PDF renderer enabled.
@Suite("portal-cli contract documents and signing")
struct ContractSigningCLITests {
    let folder: String
    let cli: CLIRunner

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite", "PORTAL_PLUGINS_ENABLED": "pdf"])
    }

    static let terms = "Services agreement\n\n1. Acme Digital builds the Karoo Coffee website.\n2. Karoo Coffee pays within 14 days.\n"

    struct Shown: Decodable {
        let contract: Contract
        let signatures: [ContractSignature]
    }

    @Test("document set, send, countersign, show, pdf and copy; sent and signed are never set by hand")
    func signingFlow() async throws {
        let company = try BillingSetup(cli: cli).tenantWithVAT()
        let contract = try decode(
            Contract.self,
            try cli.run(
                "contract", "create", "--tenant", "acme", "--company", company.accountNumber, "--title", "Website 2026", "--type",
                "engagement", "--json"))
        let id = contract.id.uuidString

        let first = try cli.run("contract", "document", "set", "--tenant", "acme", id, "--body", "Draft terms")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("Document version 1 of the contract, SHA-256 "), "\(first.stdout)")
        let file = "\(folder)/terms.txt"
        try Self.terms.write(toFile: file, atomically: true, encoding: .utf8)
        let second = try decode(
            ContractDocument.self, try cli.run("contract", "document", "set", "--tenant", "acme", id, "--file", file, "--json"))
        #expect(second.version == 2 && second.body == Self.terms)
        #expect(try cli.run("contract", "document", "set", "--tenant", "acme", id).status == 64, "--file or --body is needed")
        let versions = try decode(
            [ContractDocumentVersion].self, try cli.run("contract", "document", "versions", "--tenant", "acme", id, "--json"))
        #expect(versions.map(\.version) == [1, 2])
        #expect(try cli.run("contract", "document", "show", "--tenant", "acme", id, "--version", "1").stdout == "Draft terms\n")

        let byHand = try cli.run("contract", "status", "--tenant", "acme", id, "sent")
        #expect(byHand.status == 4 && byHand.stderr.contains("only by sending"), "\(byHand.stderr)")
        let sent = try decode(Contract.self, try cli.run("contract", "send", "--tenant", "acme", id, "--json"))
        let hash = try #require(sent.documentSha256)
        #expect(hash == ContractDocument.sha256(of: Self.terms))
        #expect(try cli.run("contract", "document", "set", "--tenant", "acme", id, "--body", "Changed").status == 4)
        #expect(try cli.run("contract", "countersign", "--tenant", "acme", id, "--name", "Sam Staff").status == 4, "not signed yet")
        #expect(try cli.run("contract", "status", "--tenant", "acme", id, "signed").status == 4)

        let user = try cli.run(
            "user", "create", "--tenant", "acme", "--email", "ana@karoo.example", "--name", "Ana", "--kind", "client")
        #expect(user.status == 0, "\(user.stderr)")
        let signature = try await ContractClientSigner(databasePath: "\(folder)/portal.sqlite").sign(
            contract.id, email: "ana@karoo.example", fullName: "Ana Dlamini")
        #expect(signature.documentSha256 == hash)
        let countersigned = try cli.run("contract", "countersign", "--tenant", "acme", id, "--name", "Sam Staff")
        #expect(countersigned.status == 0, "\(countersigned.stderr)")
        #expect(countersigned.stdout.contains("Countersigned by Sam Staff"))

        let shown = try cli.run("contract", "show", "--tenant", "acme", id)
        #expect(shown.status == 0, "\(shown.stderr)")
        for expected in ["version 2", hash, "Ana Dlamini", "ana@karoo.example", "203.0.113.44", "Sam Staff", "provider", "signed"] {
            #expect(shown.stdout.contains(expected), "show lacks \(expected): \(shown.stdout)")
        }
        let report = try decode(Shown.self, try cli.run("contract", "show", "--tenant", "acme", id, "--json"))
        #expect(report.contract.status == .signed && report.signatures.map(\.party) == [.client, .provider])

        let pdfPath = "\(folder)/contract.pdf"
        let written = try decode(
            DocumentReport.self, try cli.run("contract", "pdf", "--tenant", "acme", id, "--out", pdfPath, "--json"))
        #expect(written.contentType == "application/pdf" && written.bytes > 1000)
        #expect(try BillingCLITests.header(of: pdfPath) == "%PDF")
        if let text = try BillingCLITests.pdfText(pdfPath) {
            for expected in ["Acme Digital builds the Karoo Coffee website.", "Ana Dlamini", "203.0.113.44", hash, "contract.signed"] {
                #expect(text.contains(expected), "the PDF lacks \(expected)")
            }
        }

        let copy = try decode(Contract.self, try cli.run("contract", "copy", "--tenant", "acme", id, "--json"))
        #expect(copy.status == .draft && copy.documentVersion == 1 && copy.companyId == company.id)
        #expect(try cli.run("contract", "status", "--tenant", "acme", id, "active").status == 0)
        let company2 = try decode(Company.self, try cli.run("company", "show", "--tenant", "acme", company.id.uuidString, "--json"))
        #expect(company2.currentContractId == contract.id)
    }
}

import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// A company with a draft contract, and the people around it: staff (the fixture's operator),
/// an owner who may sign, a viewer who may not, and the owner of another company.
struct SigningScene: Sendable {
    static let body = """
        Master services agreement

        1. Acme Digital builds and maintains the Karoo Coffee website.
        2. Karoo Coffee pays each invoice within 14 days.
        """
    /// Where the signer signs from.
    static let origin = RequestOrigin(address: "198.51.100.23", requestId: "sign-1", userAgent: "Mozilla/5.0 (SigningTest)")

    let fixture: BillingFixture
    let company: Company
    let other: Company
    let contract: Contract
    let signer: Principal
    let viewer: Principal
    let outsider: Principal

    var engagements: EngagementServices { EngagementServices(context: fixture.context) }
    var documents: ContractDocuments { engagements.contractDocuments }
    var signing: ContractSigning { engagements.contractSigning }
    var staff: Principal { fixture.staff }

    static func make(_ fixture: BillingFixture, title: String = "Website 2026") async throws -> SigningScene {
        let company = try await fixture.createCompany("Karoo Coffee")
        let other = try await fixture.createCompany("Fynbos Films")
        var signer = try await fixture.identity.clientPrincipal("ana@karoo.example", role: .owner, of: [company.id])
        signer.origin = origin
        let viewer = try await fixture.identity.clientPrincipal("vera@karoo.example", role: .viewer, of: [company.id])
        let outsider = try await fixture.identity.clientPrincipal("olga@fynbos.example", role: .owner, of: [other.id])
        let contract = try await fixture.billing.contracts.create(
            NewContract(companyId: company.id, title: title, type: .engagement), by: fixture.staff)
        return SigningScene(
            fixture: fixture, company: company, other: other, contract: contract, signer: signer, viewer: viewer,
            outsider: outsider)
    }

    /// Writes ``body`` and sends the contract.
    @discardableResult
    func send(_ text: String = SigningScene.body) async throws -> Contract {
        _ = try await documents.setBody(contract.id, ContractDocumentInput(body: text), by: staff)
        return try await signing.send(contract.id, by: staff)
    }

    /// The signer's signature on the sent contract, with the hash they were shown.
    func sign(hash: String?, name: String? = "  Ana Dlamini ", accept: Bool? = true, as principal: Principal? = nil)
        async throws -> ContractSignature
    {
        try await signing.sign(
            contract.id, ContractSignatureInput(fullName: name, accept: accept, documentSha256: hash), by: principal ?? signer)
    }

    func reload() async throws -> Contract {
        try await fixture.billing.contracts.get(contract.id, by: staff)
    }

    func currentContract() async throws -> ContractID? {
        try await Companies(context: fixture.identity.context).get(company.id, by: staff).currentContractId
    }

    /// The notification events of `kind` in the fixture's tenant.
    func events(_ kind: String) async throws -> [NotificationEvent] {
        let tenant = fixture.tenant.id
        return try await fixture.database.read(.tenant(tenant)) { connection in
            try NotificationEvents.list(tenant: tenant, kind: kind, on: connection)
        }
    }
}

/// The text `pdftotext -layout` extracts from a PDF.
enum ContractPDFText {
    static func extract(_ pdf: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "portal-contract-\(UUID().uuidString).pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", "-enc", "UTF-8", path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The parts of the `contract_sent` and `contract_signed` payloads the tests read.
struct ContractEventPayload: Decodable, Sendable {
    struct Recipient: Decodable, Sendable {
        let audience: String
        let email: String?
    }

    let contractId: ContractID
    let documentSha256: String?
    let recipients: [Recipient]?
    let recipient: Recipient?

    init(_ event: NotificationEvent) throws {
        self = try JSONCoding.decode(ContractEventPayload.self, from: try JSONCoding.encodeToString(event.payload))
    }
}

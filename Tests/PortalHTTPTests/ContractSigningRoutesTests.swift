import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

/// Contract documents and electronic signature over HTTP: staff write and send, a company
/// user allowed to sign signs what was shown, staff countersign, everyone who may read the
/// contract reads its text, signatures and PDF; nobody else reaches any of it.
@Suite("Contract signing routes")
struct ContractSigningRoutesTests {
    typealias Shop = BillingRoutesTests.Shop

    static let body = "Services agreement\n\n1. Acme builds the website.\n2. Karoo Coffee pays within 14 days."
    static let userAgent = "Mozilla/5.0 (ContractSigningRoutesTests)"

    @Test("staff write versions and send; the owner signs the frozen text; staff countersign; the company knows its contract")
    func signing() async throws {
        try await withAPI(environment: ["PORTAL_PLUGINS_ENABLED": "pdf"]) { client, installation in
            let shop = try await Shop.make(client, installation)
            let contract = try await shop.staff.post(
                "contracts", ["company_id": shop.company.id.uuidString, "title": "Website 2026", "type": "engagement"]
            ).decode(Contract.self)
            let id = contract.id
            #expect(try await shop.staff.get("contracts/\(id)/document").status == .notFound, "no text yet")

            let first = try await shop.staff.send(.put, "contracts/\(id)/document", body: APIClient.text(["body": "Draft terms"]))
            #expect(first.status == .ok, "\(first.text)")
            #expect(try first.decode(ContractDocument.self).version == 1)
            let second = try await shop.staff.send(.put, "contracts/\(id)/document", body: APIClient.text(["body": Self.body]))
            let latest = try second.decode(ContractDocument.self)
            #expect(latest.version == 2 && latest.sha256 == ContractDocument.sha256(of: Self.body))
            let blank = try await shop.staff.send(.put, "contracts/\(id)/document", body: APIClient.text(["body": "  "]))
            #expect(try blank.status == .unprocessableContent && blank.error().field == "body")
            #expect(try await shop.owner.send(.put, "contracts/\(id)/document", body: APIClient.text(["body": "x"])).status == .forbidden)
            let versions = try await shop.staff.get("contracts/\(id)/document/versions").decode(
                BillingItemsPage<ContractDocumentVersion>.self)
            #expect(versions.items.map(\.version) == [1, 2])
            #expect(try await shop.staff.get("contracts/\(id)/document?version=1").decode(ContractDocument.self).body == "Draft terms")
            #expect(try await shop.staff.get("contracts/\(id)/document?version=0").status == .unprocessableContent)
            #expect(try await shop.owner.get("contracts/\(id)/document").status == .notFound, "clients never see drafts")

            #expect(try await shop.staff.post("contracts/\(id)/status", ["status": "sent"]).status == .conflict)
            #expect(try await shop.owner.post("contracts/\(id)/send").status == .forbidden)
            let sent = try await shop.staff.post("contracts/\(id)/send")
            #expect(sent.status == .ok, "\(sent.text)")
            let hash = try #require(try sent.decode(Contract.self).documentSha256)
            #expect(hash == latest.sha256)
            let frozen = try await shop.staff.send(.put, "contracts/\(id)/document", body: APIClient.text(["body": "Changed"]))
            #expect(try frozen.status == .conflict && frozen.error().field == "status")

            let shown = try await shop.owner.get("contracts/\(id)/document").decode(ContractDocument.self)
            #expect(shown.body == Self.body && shown.sha256 == hash)

            let signing = "contracts/\(id)/signatures"
            func sign(_ api: APIClient, _ fields: [String: Any]) async throws -> APIResponse {
                try await api.send(
                    .post, signing, body: APIClient.text(fields), headers: [.userAgent: Self.userAgent])
            }
            let valid: [String: Any] = ["full_name": " Olive Owner ", "accept": true, "document_sha256": hash]
            #expect(try await sign(shop.viewer, valid).status == .forbidden, "a viewer may not sign")
            #expect(try await sign(shop.staff, valid).status == .forbidden, "staff countersign instead")
            var changed = valid
            changed["document_sha256"] = ContractDocument.sha256(of: "Draft terms")
            let mismatch = try await sign(shop.owner, changed)
            #expect(try mismatch.status == .conflict && mismatch.error().field == "document_sha256")
            var declined = valid
            declined["accept"] = false
            let refused = try await sign(shop.owner, declined)
            #expect(try refused.status == .unprocessableContent && refused.error().field == "accept")
            #expect(try await shop.owner.get(signing).decode(BillingItemsPage<ContractSignature>.self).items.isEmpty)

            let signed = try await sign(shop.owner, valid)
            #expect(signed.status == .created, "\(signed.text)")
            let signature = try signed.decode(ContractSignature.self)
            #expect(signature.party == .client && signature.fullName == "Olive Owner")
            #expect(signature.email == "owner@karoo.example" && signature.userAgent == Self.userAgent)
            #expect(signature.documentSha256 == hash)
            #expect(try await sign(shop.owner, valid).status == .conflict, "signed once")

            let countersigned = try await shop.staff.post("contracts/\(id)/countersignature", ["full_name": "Sam Staff"])
            #expect(countersigned.status == .created, "\(countersigned.text)")
            #expect(try await shop.owner.post("contracts/\(id)/countersignature", ["full_name": "Olive"]).status == .forbidden)
            let listed = try await shop.viewer.get(signing).decode(BillingItemsPage<ContractSignature>.self)
            #expect(listed.items.map(\.party) == [.client, .provider])

            let read = try await shop.owner.get("contracts/\(id)").decode(Contract.self)
            #expect(read.status == .signed && read.signedAt == signature.signedAt && read.countersignedAt != nil)
            #expect(try await shop.owner.get("companies/\(shop.company.id)").decode(Company.self).currentContractId == id)
            #expect(try await shop.staff.patch("contracts/\(id)", ["title": "Renamed"]).status == .conflict)

            let pdf = try await shop.owner.get("contracts/\(id)/pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition] == "inline; filename=\"Website-2026-v2.pdf\"")

            let copy = try await shop.staff.post("contracts/\(id)/copy")
            #expect(copy.status == .created, "\(copy.text)")
            let next = try copy.decode(Contract.self)
            #expect(next.status == .draft && next.documentVersion == 1 && next.id != id)
            #expect(try await shop.owner.post("contracts/\(id)/copy").status == .forbidden)
        }
    }

    @Test("the PDF carries the text, the signer, the hash and the audit trail")
    func pdfText() async throws {
        try await withAPI(environment: ["PORTAL_PLUGINS_ENABLED": "pdf"]) { client, installation in
            let shop = try await Shop.make(client, installation)
            let contract = try await shop.staff.post(
                "contracts", ["company_id": shop.company.id.uuidString, "title": "Website 2026", "type": "engagement"]
            ).decode(Contract.self)
            _ = try await shop.staff.send(.put, "contracts/\(contract.id)/document", body: APIClient.text(["body": Self.body]))
            let hash = try #require(try await shop.staff.post("contracts/\(contract.id)/send").decode(Contract.self).documentSha256)
            let signed = try await shop.owner.post(
                "contracts/\(contract.id)/signatures", ["full_name": "Olive Owner", "accept": true, "document_sha256": hash])
            #expect(signed.status == .created, "\(signed.text)")

            let token = try #require(shop.owner.bearer)
            let response = try await client.execute(
                uri: "/api/v1/contracts/\(contract.id)/pdf", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            #expect(response.status == .ok)
            let text = try Self.pdfText(Array(buffer: response.body))
            for expected in [Self.body.components(separatedBy: "\n").last ?? "", "Olive Owner", "owner@karoo.example", hash,
                             "contract.sent", "contract.signed"] {
                #expect(text.contains(expected), "the PDF lacks \(expected): \(text)")
            }
        }
    }

    @Test("over a real socket the signature records the client's address and user agent")
    func signingRecordsTheOrigin() async throws {
        let installation = try await TestInstallation.make()
        let app = PortalHTTPServer.makeApplication(assembled: installation.assembled, metrics: nil, logger: Logger(label: "test"))
        do {
            try await app.test(.live) { client in
                let shop = try await Shop.make(client, installation)
                let staff = installation.operatorPrincipal(shop.tenant.id)
                let engagements = installation.assembled.portal.engagements
                let contract = try await installation.billing.contracts.create(
                    NewContract(companyId: shop.company.id, title: "Website 2026", type: .engagement), by: staff)
                _ = try await engagements.contractDocuments.setBody(contract.id, ContractDocumentInput(body: Self.body), by: staff)
                let hash = try #require(try await engagements.contractSigning.send(contract.id, by: staff).documentSha256)
                let response = try await shop.owner.send(
                    .post, "contracts/\(contract.id)/signatures",
                    body: APIClient.text(["full_name": "Olive Owner", "accept": true, "document_sha256": hash]),
                    headers: [.userAgent: Self.userAgent])
                #expect(response.status == .created, "\(response.text)")
                let signature = try response.decode(ContractSignature.self)
                #expect(["127.0.0.1", "::1"].contains(signature.clientAddress ?? "none"), "\(String(describing: signature.clientAddress))")
                #expect(signature.userAgent == Self.userAgent)
            }
        } catch {
            await installation.tearDown()
            throw error
        }
        await installation.tearDown()
    }

    /// The text `pdftotext -layout` extracts from `pdf`.
    static func pdfText(_ pdf: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "portal-contract-route-\(UUID().uuidString).pdf"
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

    @Test("another company's users and another tenant's staff get 404 for every contract-signing route", arguments: [false, true])
    func isolation(postgres: Bool) async throws {
        try await withAPI(postgres: postgres) { client, installation in
            let shop = try await Shop.make(client, installation)
            let rival = try await Shop.make(client, installation, slug: "fynbos", name: "Fynbos Films")
            let neighbour = try await installation.createCompany(in: shop.tenant.id, name: "Blue Crane")
            let outsider = try await installation.createUser(in: shop.tenant.id, email: "olga@crane.example", kind: .client)
            try await installation.addMember(outsider, to: neighbour, role: .owner)
            let asOutsider = APIClient(client, bearer: try await installation.tokenSecret(for: outsider).secret)

            let contract = try await shop.staff.post(
                "contracts", ["company_id": shop.company.id.uuidString, "title": "Website 2026", "type": "engagement"]
            ).decode(Contract.self)
            _ = try await shop.staff.send(.put, "contracts/\(contract.id)/document", body: APIClient.text(["body": Self.body]))
            let hash = try #require(try await shop.staff.post("contracts/\(contract.id)/send").decode(Contract.self).documentSha256)
            let signature: [String: Any] = ["full_name": "Intruder", "accept": true, "document_sha256": hash]

            for api in [asOutsider, rival.owner, rival.staff] {
                for path in ["document", "signatures", "pdf"] {
                    let response = try await api.get("contracts/\(contract.id)/\(path)")
                    #expect(response.status == .notFound, "GET \(path): \(response.text)")
                    #expect(!response.text.contains(hash) && !response.text.contains("Acme builds"))
                }
                #expect(try await api.post("contracts/\(contract.id)/signatures", signature).status == .notFound)
            }
            for path in ["send", "copy"] {
                #expect(try await rival.staff.post("contracts/\(contract.id)/\(path)").status == .notFound)
            }
            #expect(try await rival.staff.get("contracts/\(contract.id)/document/versions").status == .notFound)
            #expect(
                try await rival.staff.post("contracts/\(contract.id)/countersignature", ["full_name": "Rival"]).status == .notFound)
            #expect(try await installation.count("contract_signatures") == 0)
            #expect(try await shop.owner.get("contracts/\(contract.id)/signatures").status == .ok)
        }
    }
}

import Foundation
import Logging
import PortalKernel
import PortalPDF
import Testing

@testable import PortalKernel

@Suite("Contract documents and electronic signature")
struct ContractSigningTests {
    @Test(
        "Each different text is a new version with its SHA-256; staff read every version, clients no draft",
        arguments: StorageBackend.allCases)
    func versioning(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            let id = scene.contract.id
            await ContractExpect.error(.notFound, field: "body") { try await scene.documents.document(id, by: scene.staff) }
            await ContractExpect.error(.invalid, field: "body") {
                try await scene.documents.setBody(id, ContractDocumentInput(body: " \n "), by: scene.staff)
            }
            await ContractExpect.error(.invalid, field: "body") {
                try await scene.documents.setBody(id, ContractDocumentInput(body: "a\u{0}b"), by: scene.staff)
            }
            await ContractExpect.error(.forbidden) {
                try await scene.documents.setBody(id, ContractDocumentInput(body: "mine"), by: scene.signer)
            }

            let first = try await scene.documents.setBody(id, ContractDocumentInput(body: "abc"), by: scene.staff)
            #expect(first.version == 1)
            #expect(first.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of the UTF-8 text")
            #expect(first.createdBy == "operator:fixture")
            let second = try await scene.documents.setBody(id, ContractDocumentInput(body: SigningScene.body), by: scene.staff)
            #expect(second.version == 2 && second.body == SigningScene.body)
            #expect(second.sha256 == ContractDocument.sha256(of: SigningScene.body))
            let unchanged = try await scene.documents.setBody(id, ContractDocumentInput(body: SigningScene.body), by: scene.staff)
            #expect(unchanged == second, "the same text again is no new version")

            #expect(try await scene.documents.versions(id, by: scene.staff).map(\.version) == [1, 2])
            #expect(try await scene.documents.document(id, by: scene.staff) == second)
            #expect(try await scene.documents.document(id, version: 1, by: scene.staff) == first)
            await ContractExpect.error(.notFound, field: "version") {
                try await scene.documents.document(id, version: 3, by: scene.staff)
            }
            #expect(try await scene.reload().documentVersion == 2)
            #expect(try await scene.reload().documentSha256 == nil, "nothing is frozen before sending")
            await ContractExpect.error(.notFound) { try await scene.documents.document(id, by: scene.signer) }
            await ContractExpect.error(.forbidden) { try await scene.documents.versions(id, by: scene.signer) }
        }
    }

    @Test("Sending freezes the latest text and its hash; the text can no longer change", arguments: StorageBackend.allCases)
    func frozenOnSend(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            let id = scene.contract.id
            await ContractExpect.error(.conflict, field: "body") { try await scene.signing.send(id, by: scene.staff) }
            _ = try await scene.documents.setBody(id, ContractDocumentInput(body: "First draft"), by: scene.staff)
            fixture.clock.advance(by: .seconds(60))
            let sent = try await scene.send()
            #expect(sent.status == .sent)
            #expect(sent.documentVersion == 2)
            #expect(sent.documentSha256 == ContractDocument.sha256(of: SigningScene.body))
            #expect(sent.sentAt == fixture.clock.now())
            await ContractExpect.error(.forbidden) { try await scene.signing.send(id, by: scene.signer) }
            await ContractExpect.error(.conflict, field: "status") { try await scene.signing.send(id, by: scene.staff) }
            await ContractExpect.error(.conflict, field: "status") {
                try await scene.documents.setBody(id, ContractDocumentInput(body: "Sneaky change"), by: scene.staff)
            }
            #expect(try await scene.documents.versions(id, by: scene.staff).count == 2)

            let shown = try await scene.documents.document(id, by: scene.signer)
            #expect(shown.version == 2 && shown.body == SigningScene.body && shown.sha256 == sent.documentSha256)
            await ContractExpect.error(.notFound, field: "version") {
                try await scene.documents.document(id, version: 1, by: scene.signer)
            }
            #expect(try await scene.documents.document(id, by: scene.viewer) == shown, "every reader of the company reads it")

            let events = try await scene.events("contract_sent")
            #expect(events.count == 1)
            let payload = try ContractEventPayload(try #require(events.first))
            #expect(payload.contractId == id && payload.documentSha256 == sent.documentSha256)
            #expect(payload.recipients?.map(\.email) == ["ana@karoo.example"], "the users allowed to sign; not the viewer")
        }
    }

    @Test("Signing records the name, user, time, address, user agent and hash, once", arguments: StorageBackend.allCases)
    func signing(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            let sent = try await scene.send()
            fixture.clock.advance(by: .seconds(3600))
            let signature = try await scene.sign(hash: sent.documentSha256?.uppercased())
            #expect(signature.party == .client)
            #expect(signature.fullName == "Ana Dlamini")
            #expect(signature.userId == scene.signer.userId)
            #expect(signature.signerLabel == "user:ana@karoo.example")
            #expect(signature.email == "ana@karoo.example")
            #expect(signature.documentSha256 == sent.documentSha256)
            #expect(signature.clientAddress == "198.51.100.23")
            #expect(signature.userAgent == "Mozilla/5.0 (SigningTest)")
            #expect(signature.signedAt == fixture.clock.now())
            let frozen = try await scene.documents.document(scene.contract.id, by: scene.staff)
            #expect(signature.documentId == frozen.id)

            let signed = try await scene.reload()
            #expect(signed.status == .signed && signed.signedAt == signature.signedAt)
            #expect(try await scene.signing.signatures(scene.contract.id, by: scene.viewer) == [signature])
            #expect(try await scene.currentContract() == scene.contract.id)

            await ContractExpect.error(.conflict, field: "status") { try await scene.sign(hash: sent.documentSha256) }
            let events = try await scene.events("contract_signed")
            #expect(events.count == 2, "one for the signer, one for staff, and no more for the refused second signing")
            let payloads = try events.map(ContractEventPayload.init)
            #expect(Set(payloads.compactMap { $0.recipient?.audience }) == ["signer", "staff"])
            #expect(payloads.first { $0.recipient?.audience == "signer" }?.recipient?.email == "ana@karoo.example")
            #expect(payloads.allSatisfy { $0.documentSha256 == sent.documentSha256 && $0.contractId == scene.contract.id })
            #expect(events.allSatisfy { $0.subjectId == scene.contract.id.uuidString && $0.companyId == scene.company.id })

            let actions = try await fixture.identity.auditActions()
            #expect(actions.suffix(2) == ["contract.signed", "company.current_contract_changed"])
            let recorded = try await fixture.identity.query(
                "SELECT actor_label, ip_address, changes FROM audit_events WHERE action = 'contract.signed'")
            #expect(try recorded.first?.get("actor_label", as: String.self) == "user:ana@karoo.example")
            #expect(try recorded.first?.get("ip_address", as: String.self) == "198.51.100.23")
            #expect(try recorded.first?.get("changes", as: String.self).contains("Ana Dlamini") == true)
            try await fixture.identity.expectAuditChainIntact()
        }
    }

    @Test("A changed document cannot be signed, and a refused signing writes nothing", arguments: StorageBackend.allCases)
    func integrity(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            let sent = try await scene.send()
            let hash = try #require(sent.documentSha256)
            let auditBefore = try await fixture.identity.auditActions().count

            await ContractExpect.error(.conflict, field: "document_sha256") {
                try await scene.sign(hash: ContractDocument.sha256(of: SigningScene.body + " "))
            }
            await ContractExpect.error(.invalid, field: "document_sha256") { try await scene.sign(hash: nil) }
            await ContractExpect.error(.invalid, field: "accept") { try await scene.sign(hash: hash, accept: false) }
            await ContractExpect.error(.invalid, field: "accept") { try await scene.sign(hash: hash, accept: nil) }
            await ContractExpect.error(.invalid, field: "full_name") { try await scene.sign(hash: hash, name: "   ") }

            // The stored text changed behind the kernel's back: the frozen hash no longer matches it.
            try await fixture.identity.execute(
                "UPDATE contract_documents SET body = 'Karoo Coffee pays double.' WHERE contract_id = \(scene.contract.id)")
            await ContractExpect.error(.conflict, field: "document_sha256") { try await scene.sign(hash: hash) }

            #expect(try await fixture.identity.count("contract_signatures") == 0)
            #expect(try await scene.reload().status == .sent)
            #expect(try await scene.reload().signedAt == nil)
            #expect(try await scene.events("contract_signed").isEmpty)
            #expect(try await scene.currentContract() == nil)
            #expect(try await fixture.identity.auditActions().count == auditBefore)
        }
    }

    @Test(
        "Only a user allowed to sign for the contract's company signs; others get forbidden or not_found",
        arguments: StorageBackend.allCases)
    func signingAccess(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            await ContractExpect.error(.notFound) { try await scene.sign(hash: "0") }  // a draft is not the client's yet
            let hash = try #require(try await scene.send().documentSha256)

            await ContractExpect.error(.forbidden) { try await scene.sign(hash: hash, as: scene.viewer) }
            await ContractExpect.error(.forbidden) { try await scene.sign(hash: hash, as: scene.staff) }
            await ContractExpect.error(.notFound) { try await scene.sign(hash: hash, as: scene.outsider) }
            await ContractExpect.error(.notFound) { try await scene.signing.signatures(scene.contract.id, by: scene.outsider) }
            await ContractExpect.error(.notFound) { try await scene.documents.document(scene.contract.id, by: scene.outsider) }

            let elsewhere = fixture.switching(to: try await fixture.identity.createTenant(slug: "elsewhere"))
            let company = try await elsewhere.createCompany("Karoo Coffee")
            let stranger = try await elsewhere.identity.clientPrincipal("ana@karoo.example", role: .owner, of: [company.id])
            await ContractExpect.error(.notFound) { try await scene.sign(hash: hash, as: stranger) }
            await ContractExpect.error(.notFound) { try await scene.signing.send(scene.contract.id, by: elsewhere.staff) }
            await ContractExpect.error(.notFound) {
                try await scene.signing.countersign(
                    scene.contract.id, ContractCountersignatureInput(fullName: "Sam Staff"), by: elsewhere.staff)
            }
            await ContractExpect.error(.notFound) { try await scene.documents.versions(scene.contract.id, by: elsewhere.staff) }
            #expect(try await fixture.identity.count("contract_signatures") == 0)

            // A user of both companies signs for the contract's company only by that company's membership.
            let admin = try await fixture.identity.clientPrincipal("adi@both.example", role: .admin, of: [scene.company.id])
            #expect(try await scene.sign(hash: hash, as: admin).email == "adi@both.example")
        }
    }

    @Test(
        "Staff countersign a signed contract once; a signed contract is never edited but can be copied",
        arguments: StorageBackend.allCases)
    func countersignAndCopy(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            let id = scene.contract.id
            let hash = try #require(try await scene.send().documentSha256)
            let countersignature = ContractCountersignatureInput(fullName: " Sam Staff ")
            await ContractExpect.error(.conflict, field: "status") {
                try await scene.signing.countersign(id, countersignature, by: scene.staff)
            }
            let client = try await scene.sign(hash: hash)
            await ContractExpect.error(.forbidden) { try await scene.signing.countersign(id, countersignature, by: scene.signer) }
            await ContractExpect.error(.invalid, field: "full_name") {
                try await scene.signing.countersign(id, ContractCountersignatureInput(fullName: nil), by: scene.staff)
            }
            fixture.clock.advance(by: .seconds(120))
            let provider = try await scene.signing.countersign(id, countersignature, by: scene.staff)
            #expect(provider.party == .provider && provider.fullName == "Sam Staff")
            #expect(provider.userId == nil && provider.signerLabel == "operator:fixture")
            #expect(provider.documentSha256 == hash)
            #expect(try await scene.reload().countersignedAt == provider.signedAt)
            await ContractExpect.error(.conflict, field: "countersigned_at") {
                try await scene.signing.countersign(id, countersignature, by: scene.staff)
            }
            // The company's signers hear that the agreement is complete, once.
            let countersigned = try await scene.events("contract_countersigned")
            #expect(countersigned.count == 1 && countersigned.first?.subjectId == id.uuidString)
            #expect(try await scene.signing.signatures(id, by: scene.signer) == [client, provider])

            await ContractExpect.error(.conflict, field: "status") {
                try await fixture.billing.contracts.update(id, ContractUpdate(title: "Renamed"), by: scene.staff)
            }
            await ContractExpect.error(.conflict, field: "status") {
                try await scene.documents.setBody(id, ContractDocumentInput(body: "New terms"), by: scene.staff)
            }
            _ = try await fixture.billing.contracts.setStatus(id, to: .active, by: scene.staff)
            await ContractExpect.error(.conflict, field: "status") {
                try await fixture.billing.contracts.update(id, ContractUpdate(autoRenew: true), by: scene.staff)
            }

            let copy = try await scene.documents.copy(id, by: scene.staff)
            #expect(copy.id != id && copy.status == .draft && copy.companyId == scene.company.id)
            #expect(copy.title == scene.contract.title && copy.type == .engagement)
            #expect(copy.documentVersion == 1 && copy.documentSha256 == nil && copy.signedAt == nil)
            let text = try await scene.documents.document(copy.id, by: scene.staff)
            #expect(text.version == 1 && text.body == SigningScene.body)
            #expect(try await scene.signing.signatures(copy.id, by: scene.staff).isEmpty)
            await ContractExpect.error(.forbidden) { try await scene.documents.copy(id, by: scene.signer) }
        }
    }

    @Test(
        "Signing makes the contract its company's current one; ending it hands over or clears",
        arguments: StorageBackend.allCases)
    func currentContract(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            let contracts = fixture.billing.contracts
            let first = try await fixture.signedContract(for: scene.company, title: "Onboarding", items: [])
            #expect(try await scene.currentContract() == first.id)
            fixture.clock.advance(by: .seconds(60))
            let second = try await fixture.signedContract(for: scene.company, title: "Maintenance", items: [])
            #expect(try await scene.currentContract() == second.id)

            _ = try await contracts.setStatus(second.id, to: .active, by: scene.staff)
            _ = try await contracts.setStatus(second.id, to: .terminated, by: scene.staff)
            #expect(try await scene.currentContract() == first.id, "the latest other signed contract takes over")
            _ = try await contracts.setStatus(first.id, to: .active, by: scene.staff)
            _ = try await contracts.setStatus(first.id, to: .completed, by: scene.staff)
            #expect(try await scene.currentContract() == nil)
            let company = try await Companies(context: fixture.identity.context).get(scene.company.id, by: scene.signer)
            #expect(company.currentContractId == nil)

            // A sent contract that will not be signed is terminated and can no longer be signed.
            let hash = try #require(try await scene.send().documentSha256)
            let terminated = try await contracts.setStatus(scene.contract.id, to: .terminated, by: scene.staff)
            #expect(terminated.status == .terminated)
            await ContractExpect.error(.conflict, field: "status") { try await scene.sign(hash: hash) }
            #expect(try await scene.currentContract() == nil)
            let changes = try await fixture.identity.auditActions().filter { $0 == "company.current_contract_changed" }
            #expect(changes.count == 4)
        }
    }

    @Test(
        "The PDF shows the text, the signature page with the hash and address, and the audit trail",
        arguments: StorageBackend.allCases)
    func pdf(_ backend: StorageBackend) async throws {
        let renderer = PDFRenderer(logger: Logger(label: "portal.pdf.contract-test"))
        try await BillingFixture.with(backend, plugins: PortalPlugins(documentRenderer: renderer)) { fixture in
            let scene = try await SigningScene.make(fixture)
            let pdf = scene.engagements.contractPDF
            let hash = try #require(try await scene.send().documentSha256)
            _ = try await scene.sign(hash: hash)
            _ = try await scene.signing.countersign(
                scene.contract.id, ContractCountersignatureInput(fullName: "Sam Staff"), by: scene.staff)

            let content = try await pdf.content(of: scene.contract.id, by: scene.signer)
            #expect(content.auditTrail.map(\.action) == [
                "contract.created", "contract.document_updated", "contract.sent", "contract.signed", "contract.countersigned",
            ])
            let plain = content.layout().plainText
            #expect(plain.contains("Karoo Coffee pays each invoice within 14 days."))
            #expect(plain.contains("contract.document_updated"))

            let file = try await pdf.render(scene.contract.id, by: scene.signer)
            #expect(file.contentType == "application/pdf")
            #expect(file.fileName == "Website-2026-v1.pdf")
            #expect(file.bytes.starts(with: Array("%PDF".utf8)))
            let text = try ContractPDFText.extract(file.bytes)
            for expected in [
                "Website 2026", "1. Acme Digital builds and maintains the Karoo Coffee website.", "Signatures", "Ana Dlamini",
                "ana@karoo.example", "198.51.100.23", "Mozilla/5.0 (SigningTest)", "Sam Staff", hash, "Audit trail",
                "contract.sent", "contract.signed", "contract.countersigned",
            ] {
                #expect(text.contains(expected), "the PDF lacks \(expected)")
            }

            await ContractExpect.error(.notFound) { try await pdf.render(scene.contract.id, by: scene.outsider) }
            let draft = try await fixture.billing.contracts.create(
                NewContract(companyId: scene.company.id, title: "Next year", type: .maintenance), by: scene.staff)
            await ContractExpect.error(.notFound) { try await pdf.render(draft.id, by: scene.staff) }
            _ = try await scene.documents.setBody(draft.id, ContractDocumentInput(body: "To be agreed."), by: scene.staff)
            let draftText = try ContractPDFText.extract(try await pdf.render(draft.id, by: scene.staff).bytes)
            #expect(draftText.contains("DRAFT") && draftText.contains("Not signed yet."))
            await ContractExpect.error(.notFound) { try await pdf.render(draft.id, by: scene.signer) }
        }
    }

    @Test("Without a renderer the PDF is unavailable", arguments: [StorageBackend.sqlite])
    func pdfNeedsRenderer(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let scene = try await SigningScene.make(fixture)
            try await scene.send()
            await ContractExpect.error(.unavailable) {
                try await scene.engagements.contractPDF.render(scene.contract.id, by: scene.signer)
            }
        }
    }
}

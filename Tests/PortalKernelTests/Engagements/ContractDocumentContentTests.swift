import Foundation
import Testing

@testable import PortalKernel

@Suite("Contract document content")
struct ContractDocumentContentTests {
    private let signedAt = Instant(secondsSinceEpoch: 1_780_000_000)

    private func content(title: String = "Website 2026", body: String, status: ContractStatus = .signed) -> ContractDocumentContent {
        ContractDocumentContent(
            providerName: "Acme Digital", companyName: "Karoo Coffee", companyAccountNumber: "CT-2026-00001", title: title,
            type: .engagement, status: status, documentVersion: 3, body: body, documentSha256: ContractDocument.sha256(of: body),
            signedAt: signedAt, createdAt: signedAt)
    }

    @Test func theHashIsSHA256OfTheUTF8Text() {
        #expect(ContractDocument.sha256(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContractDocument.sha256(of: "Łódź") != ContractDocument.sha256(of: "Lodz"))
    }

    @Test func blankLinesSeparateParagraphsAndLineBreaksStay() throws {
        let layout = content(body: "Terms\r\n\r\n1. Build.\n2. Pay.\n \nSigned in Łódź.").layout()
        try layout.validate()
        let paragraphs = layout.blocks.compactMap { block -> String? in
            if case .paragraph(let paragraph) = block { return paragraph.plainText }
            return nil
        }
        #expect(paragraphs.contains("Terms"))
        #expect(paragraphs.contains("1. Build.\n2. Pay."))
        #expect(paragraphs.contains("Signed in Łódź."))
    }

    @Test func everyPageNamesTheHashAndTheDocumentCarriesItsSignaturesAndTrail() {
        let document = content(body: "Terms")
        let layout = document.layout()
        #expect(layout.footer?.resolved(page: 1, of: 3).leading == "SHA-256 \(document.documentSha256)")
        #expect(layout.metadata.keywords.contains(document.documentSha256))
        let text = layout.plainText
        #expect(text.contains("Signed: 2026-05-28 20:26:40 UTC"))
        #expect(text.contains("Not signed yet."))
        #expect(text.contains("No events"))
        #expect(!text.contains("DRAFT"))
        #expect(self.content(body: "Terms", status: .draft).layout().plainText.contains("DRAFT"))
    }

    @Test func fileNamesAreSafe() {
        #expect(content(body: "x").fileBaseName == "Website-2026-v3")
        #expect(content(title: "../Ünïcode: plan/2026", body: "x").fileBaseName == "n-code-plan-2026-v3")
        #expect(content(title: "日本", body: "x").fileBaseName == "contract-v3")
    }
}

import Foundation
import Logging
import PortalKernel
import PortalPDF
import Testing

@Suite("PDFRenderer")
struct PortalPDFSuite {
    let renderer = PDFRenderer(logger: Logger(label: "portal.pdf.test"))

    @Test func rendersAnInvoiceWithEveryScript() async throws {
        let pdf = try await renderer.render(PDFSamples.invoice())
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let text = try PDFTool.text(pdf)
        for expected in ["Invoice INV-0042", "Client", "Description", "Amount", "ZAR 12,000.00", "Total due",
            "ZAR 22,425.00", "Page 1 of 1", "Acme Agency", "INV-0042", "Website retainer"]
        {
            #expect(text.contains(expected), "missing \(expected)")
        }
        for name in PDFSamples.names {
            #expect(text.contains(name), "missing \(name)")
        }
    }

    @Test func writesMetadata() async throws {
        let pdf = try await renderer.render(PDFSamples.invoice())
        let info = try PDFTool.info(pdf)
        #expect(info["Title"] == "Invoice INV-0042")
        #expect(info["Author"] == "Acme Agency")
        #expect(info["Subject"] == "Website retainer")
        #expect(info["Keywords"] == "invoice, acme")
        #expect(info["Creator"] == "Portal")
        #expect(info["CreationDate"]?.contains("2026") == true)
        #expect(info["Pages"] == "1")
    }

    @Test func isDeterministic() async throws {
        let first = try await renderer.render(PDFSamples.invoice())
        let second = try await renderer.render(PDFSamples.invoice())
        #expect(first == second)
    }

    @Test func longTablePaginatesAndRepeatsItsHeader() async throws {
        let pdf = try await renderer.render(PDFSamples.longTable(rows: 200))
        let pages = Int(try PDFTool.info(pdf)["Pages"] ?? "") ?? 0
        #expect(pages > 1)
        let text = try PDFTool.text(pdf)
        let pageTexts = text.split(separator: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pageTexts.count == pages)
        for (index, page) in pageTexts.enumerated() {
            #expect(page.contains("Line item") && page.contains("Reference"), "no header on page \(index + 1)")
            #expect(page.contains("Page \(index + 1) of \(pages)"))
        }
        for row in [1, 57, 123, 200] {
            #expect(text.contains("Item number \(row) "), "missing row \(row)")
        }
        #expect(text.contains("ZAR 20,100.00"))
    }

    @Test func pageBreakStartsANewPage() async throws {
        let document = DocumentLayout(blocks: [.paragraph("First"), .pageBreak, .paragraph("Second")])
        let pdf = try await renderer.render(document)
        #expect(try PDFTool.info(pdf)["Pages"] == "2")
    }

    @Test func invalidLayoutThrowsTheValidationError() async throws {
        let table = DocumentTable(columns: [DocumentTableColumn("A"), DocumentTableColumn("B")], rows: [["only one"]])
        let document = DocumentLayout(blocks: [.heading("Fine", level: 1), .table(table)])
        var expected: PortalError?
        do { try document.validate() } catch let error as PortalError { expected = error }
        #expect(expected != nil)
        await #expect(throws: expected!) { try await renderer.render(document) }
        await #expect(throws: PortalError.invalid("Heading levels run from 1 to 4.", field: "blocks[0]")) {
            try await renderer.render(DocumentLayout(blocks: [.heading("Too deep", level: 9)]))
        }
    }

    @Test func corruptImageIsInvalid() async throws {
        let document = DocumentLayout(blocks: [.image(DocumentImage(data: [1, 2, 3, 4], format: .png))])
        await #expect(throws: PortalError.invalid("The image cannot be read.", field: "blocks[0]")) {
            try await renderer.render(document)
        }
    }

    @Test func writesPagePreviews() async throws {
        let invoice = try PDFTool.png(try await renderer.render(PDFSamples.invoice()), prefix: "/tmp/portal-pdf-invoice")
        #expect(FileManager.default.fileExists(atPath: invoice))
        let statement = try await renderer.render(PDFSamples.longTable(rows: 200))
        let second = try PDFTool.png(statement, page: 2, prefix: "/tmp/portal-pdf-statement")
        #expect(FileManager.default.fileExists(atPath: second))
    }
}

@Suite("PDFRenderer images")
struct PortalPDFImageSuite {
    @Test func embedsAPNG() async throws {
        let renderer = PDFRenderer(configuration: .init(threads: 2), logger: Logger(label: "portal.pdf.test"))
        let pixel = try #require(
            Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="))
        let document = DocumentLayout(blocks: [
            .image(DocumentImage(data: Array(pixel), format: .png, width: 120, alignment: .center, altText: "Logo")),
            .paragraph("Below the logo"),
        ])
        let pdf = try await renderer.render(document)
        #expect(try PDFTool.text(pdf).contains("Below the logo"))
        #expect(try PDFTool.info(pdf)["Pages"] == "1")
    }
}

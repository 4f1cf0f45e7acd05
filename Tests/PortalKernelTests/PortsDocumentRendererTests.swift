import PortalKernel
import Testing

/// A renderer producing plain text with a resolved footer, as a test double for the PDF adapter.
private struct TextRenderer: DocumentRenderer {
    let contentType = "text/plain; charset=utf-8"
    let fileExtension = "txt"

    func render(_ document: DocumentLayout) async throws -> [UInt8] {
        try document.validate()
        let pages = 1 + document.blocks.filter { $0 == .pageBreak }.count
        var text = document.plainText
        if let footer = document.footer {
            text += footer.resolved(page: pages, of: pages).trailing + "\n"
        }
        return Array(text.utf8)
    }
}

@Suite("Document renderer port")
struct PortsDocumentRendererTests {
    static let lines = DocumentTable(
        columns: [
            DocumentTableColumn("Description", width: .fraction(3)),
            DocumentTableColumn("Qty", width: .fraction(1), alignment: .trailing),
            DocumentTableColumn("Amount", width: .points(90), alignment: .trailing),
        ],
        rows: [["Website retainer", "1", "ZAR 12,000.00"], ["Hosting — 東京 region", "2", "ZAR 800.00"]],
        totals: [[DocumentTableCell([.bold("Total")], span: 2), "ZAR 12,800.00"]])

    static let invoice = DocumentLayout(
        page: DocumentPageSetup(size: .a4, margins: DocumentMargins(all: 56)),
        metadata: DocumentMetadata(
            title: "Invoice INV-0042", author: "Acme Agency", createdAt: Instant(secondsSinceEpoch: 1_780_000_000)),
        header: DocumentPageText(leading: "Acme Agency"),
        footer: DocumentPageText(trailing: "Page {page} of {pages}"),
        blocks: [
            .heading("Invoice INV-0042", level: 1),
            .keyValueList([DocumentKeyValue("Client", "Zoë Łukasiewicz"), DocumentKeyValue("Due", [.bold("2026-07-31")])]),
            .table(lines),
            .horizontalRule,
            .spacer(12),
            .paragraph([.plain("Pay by EFT quoting "), .monospace("INV-0042"), .italic(" — شكراً")]),
            .pageBreak,
            .image(DocumentImage(data: [0x89, 0x50, 0x4E, 0x47], format: .png, width: 120, altText: "Logo")),
        ])

    @Test("a conforming renderer produces bytes with Unicode text and resolved page numbers")
    func render() async throws {
        let renderer = TextRenderer()
        let text = String(decoding: try await renderer.render(Self.invoice), as: UTF8.self)
        #expect(text.contains("Client: Zoë Łukasiewicz"))
        #expect(text.contains("Hosting — 東京 region\t2\tZAR 800.00"))
        #expect(text.contains("Total\tZAR 12,800.00"))
        #expect(text.contains("Pay by EFT quoting INV-0042 — شكراً"))
        #expect(text.contains("[Logo]"))
        #expect(text.hasSuffix("Page 2 of 2\n"))
        let attachment = try await renderer.renderAttachment(Self.invoice, baseName: "INV-0042")
        #expect(attachment.filename == "INV-0042.txt" && attachment.contentType == renderer.contentType)
    }

    @Test("page text templates resolve {page} and {pages} and keep other braces")
    func pageText() {
        let footer = DocumentPageText(leading: "{client}", center: "{page}/{pages}", trailing: "Page {page} of {pages}")
        let resolved = footer.resolved(page: 3, of: 7)
        #expect(resolved.leading == "{client}" && resolved.center == "3/7" && resolved.trailing == "Page 3 of 7")
        #expect(DocumentPageTextPart.parse("p{page}") == [.text("p"), .pageNumber])
    }

    @Test("validation names the broken block")
    func validation() throws {
        try Self.invoice.validate()
        var cases: [(DocumentLayout, String)] = []
        var badHeading = Self.invoice
        badHeading.blocks = [.heading("x", level: 7)]
        cases.append((badHeading, "blocks[0]"))
        var badRow = Self.invoice
        badRow.blocks = [.paragraph("ok"), .table(DocumentTable(columns: Self.lines.columns, rows: [["a", "b"]]))]
        cases.append((badRow, "blocks[1].rows[0]"))
        var badTotals = Self.invoice
        badTotals.blocks = [
            .table(DocumentTable(columns: Self.lines.columns, rows: [], totals: [[DocumentTableCell("x", span: 4)]]))
        ]
        cases.append((badTotals, "blocks[0].totals[0]"))
        var badWidth = Self.invoice
        badWidth.blocks = [.table(DocumentTable(columns: [DocumentTableColumn("A", width: .points(0))], rows: []))]
        cases.append((badWidth, "blocks[0].columns[0]"))
        var badMargins = Self.invoice
        badMargins.page.margins = DocumentMargins(all: 400)
        cases.append((badMargins, "page"))
        var badSpacer = Self.invoice
        badSpacer.blocks = [.spacer(-1)]
        cases.append((badSpacer, "blocks[0]"))
        var emptyImage = Self.invoice
        emptyImage.blocks = [.image(DocumentImage(data: [], format: .jpeg))]
        cases.append((emptyImage, "blocks[0]"))
        for (document, field) in cases {
            let error = #expect(throws: PortalError.self) { try document.validate() }
            #expect(error?.field == field)
        }
    }

    @Test("page sizes turn to landscape and expose the content area")
    func pageSetup() {
        #expect(DocumentPageSize.a4.landscape == DocumentPageSize(width: 841.89, height: 595.28))
        #expect(DocumentPageSetup(size: .letter, margins: DocumentMargins(all: 36)).contentWidth == 540)
        #expect(DocumentTextStyle([.bold, .italic]).contains(.italic))
    }
}

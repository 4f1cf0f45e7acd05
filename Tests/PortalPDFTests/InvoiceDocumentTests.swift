import Logging
import PortalKernel
import PortalPDF
import Testing

@Suite("InvoiceDocument")
struct InvoiceDocumentTests {
    let renderer = PDFRenderer(logger: Logger(label: "portal.pdf.invoice-test"))

    /// Fields every rendering of ``InvoiceSamples/open()`` must show.
    static let openInvoiceFields = [
        "Invoice INV-2026-11-00042", "2026-11-21", "2026-12-05", InvoiceSamples.sellerName, "Tax ID 4123456789",
        "Bill to", InvoiceSamples.buyerName, "Account ACC-00017", "accounts@osaka.example",
        "Website retainer (November)", "12,000.00", "Hosting", "1,350.00", "3,500.00", "250.00", "VAT 15%",
        "ZAR 16,850.00", "ZAR 2,325.00", "ZAR 19,175.00", "ZAR 5,000.00", "Amount due", "ZAR 14,175.00",
        "Pay by EFT and quote the reference.", "First National Bank", "62812345678", "250655",
        "Thank you for your business.",
    ]

    /// `text` without whitespace and bidirectional formatting characters.
    static func compact(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            !scalar.properties.isWhitespace && !(0x200E...0x200F).contains(scalar.value)
                && !(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value)
        }))
    }

    // MARK: Layout only

    @Test func plainTextCarriesTheKeyFields() throws {
        let layout = InvoiceSamples.open().layout()
        try layout.validate()
        let text = layout.plainText
        for expected in Self.openInvoiceFields + [InvoiceSamples.cyrillicLine, InvoiceSamples.arabicAddress, "大阪市"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        #expect(text.contains("Description\tQty\tUnit price\tDiscount\tTax\tAmount"))
        #expect(text.contains("Amount due\tZAR 14,175.00"))
        #expect(!text.contains("DRAFT") && !text.contains("VOID") && !text.contains("PAID"))
        #expect(layout.metadata.title == "Invoice INV-2026-11-00042")
        #expect(layout.metadata.author == InvoiceSamples.sellerName)
        #expect(layout.metadata.createdAt == Instant(secondsSinceEpoch: 1_795_000_000))
        #expect(layout.page.size == .a4)
    }

    @Test func untaxedLinesLeaveOutTheDiscountAndTaxColumns() throws {
        let text = InvoiceSamples.long(lines: 2).layout().plainText
        #expect(text.contains("Description\tQty\tUnit price\tAmount\n"))
        #expect(text.contains("Service line 2\t1\t2.00\t2.00"))
        #expect(!text.contains("Tax\t"))
    }

    @Test func statusMarkers() throws {
        var paid = InvoiceSamples.open()
        paid.status = "paid"
        paid.amountPaid = paid.total
        paid.amountDue = InvoiceSamples.zar(0)
        let paidText = paid.layout().plainText
        #expect(paidText.contains("PAID"))
        #expect(!paidText.contains("How to pay"), "nothing to pay, so no payment instructions")

        var void = InvoiceSamples.open()
        void.status = "void"
        let voidText = void.layout().plainText
        #expect(voidText.contains("VOID"))
        #expect(!voidText.contains("First National Bank"))

        let draft = InvoiceSamples.draft().layout()
        #expect(draft.plainText.contains("DRAFT"))
        #expect(draft.plainText.contains("Not yet issued"))
        #expect(draft.metadata.title == "Draft invoice")
    }

    @Test func fileBaseNames() {
        #expect(InvoiceSamples.open().fileBaseName == "INV-2026-11-00042")
        #expect(InvoiceSamples.draft().fileBaseName == "draft-invoice-20261118T110640")
        var odd = InvoiceSamples.open()
        odd.number = "../2026/Ōsaka 7"
        #expect(odd.fileBaseName == "2026--saka-7")
        odd.kind = .creditNote
        odd.number = nil
        #expect(odd.fileBaseName.hasPrefix("draft-credit-note-"))
    }

    // MARK: Rendered with the PDF renderer

    @Test func rendersTheKeyFieldsAndEveryScript() async throws {
        let pdf = try await renderer.render(InvoiceSamples.open().layout())
        let text = try PDFTool.text(pdf)
        for expected in Self.openInvoiceFields + ["Page 1 of 1", "Ōsaka", "株式会社", "大阪市", "Разработка"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        // pdftotext puts spaces after non-joining Arabic letters (شا ر ع) and wraps right-to-left
        // lines in embedding marks, so compare without either.
        #expect(Self.compact(text).contains(Self.compact(InvoiceSamples.arabicAddress)))
        let info = try PDFTool.info(pdf)
        #expect(info["Title"] == "Invoice INV-2026-11-00042")
        #expect(info["Author"] == InvoiceSamples.sellerName)
        #expect(info["Pages"] == "1")
        _ = try PDFTool.png(pdf, prefix: "/tmp/portal-invoice-document")
    }

    @Test func longInvoiceSpansPagesWithItsHeaderOnEach() async throws {
        let pdf = try await renderer.render(InvoiceSamples.long(lines: 120).layout())
        let pages = Int(try PDFTool.info(pdf)["Pages"] ?? "") ?? 0
        #expect(pages > 2)
        let text = try PDFTool.text(pdf)
        let pageTexts = text.split(separator: "\u{0C}").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(pageTexts.count == pages)
        for (index, page) in pageTexts.enumerated() {
            #expect(page.contains("Invoice INV-2026-11-00043"), "no page header on page \(index + 1)")
            #expect(page.contains("Page \(index + 1) of \(pages)"))
        }
        for (index, page) in pageTexts.enumerated() where page.contains("Service line") {
            #expect(page.contains("Description") && page.contains("Unit price"), "no table header on page \(index + 1)")
        }
        for line in [1, 47, 120] {
            #expect(text.contains("Service line \(line) "), "missing line \(line)")
        }
        #expect(pageTexts.last?.contains("ZAR 7,260.00") == true)
    }

    @Test func draftIsMarked() async throws {
        let text = try PDFTool.text(try await renderer.render(InvoiceSamples.draft().layout()))
        #expect(text.contains("DRAFT"))
        #expect(text.contains("Draft invoice"))
        #expect(!text.contains("Invoice INV-"))
    }

    @Test func creditNoteNamesTheCreditedInvoice() async throws {
        let text = try PDFTool.text(try await renderer.render(InvoiceSamples.creditNote().layout()))
        for expected in ["Credit note CN-2026-11-00007", "Credit note for", "INV-2026-11-00042", "Credit to",
            "Refund: hosting overcharge", "Total credit", "ZAR 450.00"]
        {
            #expect(text.contains(expected), "missing \(expected)")
        }
        #expect(!text.contains("Amount due"))
    }

    @Test func renderingIsDeterministic() async throws {
        let first = try await renderer.render(InvoiceSamples.open().layout())
        let second = try await renderer.render(InvoiceSamples.open().layout())
        #expect(first == second)
    }
}

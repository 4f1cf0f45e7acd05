import PortalKernel

/// Documents the tests render.
enum PDFSamples {
    static let names = ["Zoë Ångström", "Ярослав Петренко", "Αλέξανδρος", "李小龙", "محمد"]

    static func invoice() -> DocumentLayout {
        var document = DocumentLayout(
            metadata: DocumentMetadata(
                title: "Invoice INV-0042", author: "Acme Agency", subject: "Website retainer",
                keywords: ["invoice", "acme"], createdAt: Instant(secondsSinceEpoch: 1_780_000_000)))
        document.header = DocumentPageText(leading: "Acme Agency", trailing: "INV-0042")
        document.footer = DocumentPageText(center: "Page {page} of {pages}")
        let lines = DocumentTable(
            columns: [
                DocumentTableColumn("Description", width: .fraction(3)),
                DocumentTableColumn("Qty", width: .fraction(1), alignment: .trailing),
                DocumentTableColumn("Amount", width: .points(100), alignment: .trailing),
            ],
            rows: names.map { [DocumentTableCell("Consulting for \($0)"), "2", "ZAR 1,500.00"] } + [
                [DocumentTableCell([.bold("Website"), .plain(" retainer")]), "1", "ZAR 12,000.00"]
            ],
            totals: [
                [DocumentTableCell("Subtotal", span: 2), "ZAR 19,500.00"],
                [DocumentTableCell("Total due", span: 2), "ZAR 22,425.00"],
            ])
        document.blocks = [
            .heading("Invoice INV-0042", level: 1),
            .keyValueList([
                DocumentKeyValue("Client", "Zoë Ångström"),
                DocumentKeyValue("Contact", "Ярослав Петренко"),
                DocumentKeyValue("Due", [.bold("2026-07-31")]),
            ]),
            .horizontalRule,
            .table(lines),
            .spacer(12),
            .paragraph([.plain("Pay by EFT quoting "), .monospace("INV-0042"), .plain(". Thank you, "), .italic("محمد"), .plain(".")]),
            .paragraph(DocumentParagraph("Αλέξανδρος · 李小龙", alignment: .trailing)),
        ]
        return document
    }

    static func longTable(rows: Int) -> DocumentLayout {
        var document = DocumentLayout(metadata: DocumentMetadata(title: "Statement"))
        document.footer = DocumentPageText(trailing: "Page {page} of {pages}")
        let table = DocumentTable(
            columns: [
                DocumentTableColumn("Line item", width: .fraction(2)),
                DocumentTableColumn("Reference", width: .fraction(1)),
                DocumentTableColumn("Amount", width: .points(100), alignment: .trailing),
            ],
            rows: (1...rows).map {
                [DocumentTableCell("Item number \($0)"), DocumentTableCell([.monospace("REF-\($0)")]), DocumentTableCell("ZAR \($0).00")]
            },
            totals: [[DocumentTableCell("Total", span: 2), "ZAR 20,100.00"]])
        document.blocks = [.heading("Statement", level: 2), .table(table)]
        return document
    }
}

extension DocumentLayout {
    /// The document's text content in reading order, one block per paragraph, without layout:
    /// headings, paragraphs, `key: value` lines, table rows with cells separated by tabs (header
    /// and totals included), `---` for rules, image alt text. Header and footer are left out.
    ///
    /// Useful as the text part of an email that attaches the rendered file, for search, and in tests.
    public var plainText: String {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .heading(let text, _): lines.append(text)
            case .paragraph(let paragraph): lines.append(paragraph.plainText)
            case .keyValueList(let pairs): lines += pairs.map { "\($0.key): \($0.value.plainText)" }
            case .table(let table):
                if table.showsHeader { lines.append(table.columns.map(\.title).joined(separator: "\t")) }
                lines += (table.rows + table.totals).map { $0.map(\.plainText).joined(separator: "\t") }
            case .horizontalRule: lines.append("---")
            case .spacer, .pageBreak: lines.append("")
            case .image(let image): if let alt = image.altText { lines.append("[\(alt)]") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

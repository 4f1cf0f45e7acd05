import PortalKernel

extension PDFPaginator {
    /// Cell padding, horizontal and vertical, as a share of the base font size.
    private var cellPadding: (horizontal: Double, vertical: Double) { (base * 0.3, base * 0.3) }

    /// Places `table`: a shaded header row (repeated at the top of each page the table spans),
    /// body rows with hairlines between them, then totals in bold after a rule. Rows are never
    /// split; a row that does not fit moves to the next page.
    func layoutTable(_ table: DocumentTable) throws {
        let columns = Self.columnWidths(table.columns.map(\.width), available: width)
        let header: PDFRow? =
            table.showsHeader
            ? try row(table.columns.map { DocumentTableCell($0.title) }, table: table, columns: columns, bold: true)
            : nil
        let body = try table.rows.map { try row($0, table: table, columns: columns, bold: false) }
        let totals = try table.totals.map { try row($0, table: table, columns: columns, bold: true) }

        // The header must not stand alone at the bottom of a page.
        let first = body.first ?? totals.first
        try keepRoom((header?.height ?? 0) + (first?.height ?? 0), spaceBefore: base * 0.8)
        if let header { try placeHeader(header, spaceBefore: base * 0.8) }

        for (index, bodyRow) in body.enumerated() {
            let top = try placeRow(bodyRow, header: header, spaceBefore: index == 0 && header == nil ? base * 0.8 : 0)
            if index < body.count - 1 {  // the totals rule (or the table's end) closes the last row
                let lineY = top + bodyRow.height
                place(.line(x1: left, y1: lineY, x2: left + width, y2: lineY, width: 0.3, gray: 0.8))
            }
        }
        for (index, totalsRow) in totals.enumerated() {
            let spaceBefore = index == 0 ? base * 0.2 : 0
            let top = try placeRow(totalsRow, header: nil, spaceBefore: body.isEmpty && header == nil ? base * 0.8 : spaceBefore)
            if index == 0 {
                place(.line(x1: left, y1: top, x2: left + width, y2: top, width: 0.8, gray: 0.3))
            }
        }
    }

    private func placeHeader(_ header: PDFRow, spaceBefore: Double) throws {
        let top = try reserve(header.height, spaceBefore: spaceBefore)
        place(.rectangle(x: left, y: top, width: width, height: header.height, gray: 0.92))
        place(header, top: top)
        let lineY = top + header.height
        place(.line(x1: left, y1: lineY, x2: left + width, y2: lineY, width: 0.6, gray: 0.5))
    }

    /// Places one row, first moving to a new page (with the header repeated) if it does not fit.
    private func placeRow(_ row: PDFRow, header: PDFRow?, spaceBefore: Double) throws -> Double {
        if !isPageFresh, spaceBefore + row.height > remaining {
            try newPage()
            if let header { try placeHeader(header, spaceBefore: 0) }
        }
        let top = try reserve(row.height, spaceBefore: spaceBefore)
        place(row, top: top)
        return top
    }

    private func row(_ cells: [DocumentTableCell], table: DocumentTable, columns: [Double], bold: Bool) throws
        -> PDFRow
    {
        let padding = cellPadding
        var row = PDFRow(padding: padding.vertical)
        var column = 0
        var x = 0.0
        for cell in cells {
            let span = min(cell.span, columns.count - column)
            guard span > 0 else { break }
            let cellWidth = columns[column..<column + span].reduce(0, +)
            let text = try type.text(
                cell.runs, bold: bold, alignment: table.columns[column].alignment,
                width: max(cellWidth - 2 * padding.horizontal, 1))
            row.cells.append((text, x + padding.horizontal))
            x += cellWidth
            column += span
        }
        return row
    }

    /// Column widths in points: fixed columns as given, fractions sharing what is left; all
    /// scaled down together if fixed columns alone exceed `available`.
    static func columnWidths(_ widths: [DocumentColumnWidth], available: Double) -> [Double] {
        var fixed = 0.0
        var fractions = 0.0
        for width in widths {
            switch width {
            case .points(let points): fixed += points
            case .fraction(let share): fractions += share
            }
        }
        let scale = fixed > available ? available / fixed : 1
        let left = max(available - fixed * scale, 0)
        return widths.map { width in
            switch width {
            case .points(let points): points * scale
            case .fraction(let share): fractions > 0 ? left * share / fractions : 0
            }
        }
    }
}

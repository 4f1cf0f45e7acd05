/// A table: columns with widths and alignments, an optional header row, body rows and optional
/// totals rows (drawn after a rule, in bold).
///
/// ```swift
/// DocumentTable(
///     columns: [
///         DocumentTableColumn("Description", width: .fraction(3)),
///         DocumentTableColumn("Qty", width: .fraction(1), alignment: .trailing),
///         DocumentTableColumn("Amount", width: .points(90), alignment: .trailing),
///     ],
///     rows: [["Website retainer", "1", "ZAR 12,000.00"]],
///     totals: [[DocumentTableCell("Total", span: 2), "ZAR 12,000.00"]])
/// ```
public struct DocumentTable: Sendable, Hashable, Codable {
    public var columns: [DocumentTableColumn]
    /// Whether the column titles form a header row (repeated on each page the table spans).
    public var showsHeader: Bool
    public var rows: [[DocumentTableCell]]
    /// Rows set apart at the end: subtotal, tax, total.
    public var totals: [[DocumentTableCell]]

    public init(
        columns: [DocumentTableColumn], showsHeader: Bool = true, rows: [[DocumentTableCell]],
        totals: [[DocumentTableCell]] = []
    ) {
        self.columns = columns
        self.showsHeader = showsHeader
        self.rows = rows
        self.totals = totals
    }

    /// Checks there is at least one column, every width is positive, and every row's spans add
    /// up to the number of columns.
    /// - Throws: ``PortalError`` `invalid` with `field` below `path` (`"blocks[3].rows[2]"`).
    public func validate(path: String) throws {
        guard !columns.isEmpty else { throw PortalError.invalid("A table needs at least one column.", field: "\(path).columns") }
        for (index, column) in columns.enumerated() where !column.width.isValid {
            throw PortalError.invalid("Column widths must be positive.", field: "\(path).columns[\(index)]")
        }
        for (name, list) in [("rows", rows), ("totals", totals)] {
            for (index, row) in list.enumerated() {
                guard row.allSatisfy({ $0.span >= 1 }), row.reduce(0, { $0 + $1.span }) == columns.count else {
                    throw PortalError.invalid(
                        "Each row must fill exactly \(columns.count) columns.", field: "\(path).\(name)[\(index)]")
                }
            }
        }
    }
}

/// A table column.
public struct DocumentTableColumn: Sendable, Hashable, Codable {
    public var title: String
    public var width: DocumentColumnWidth
    public var alignment: DocumentAlignment

    public init(_ title: String, width: DocumentColumnWidth = .fraction(1), alignment: DocumentAlignment = .leading) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// How wide a column is.
public enum DocumentColumnWidth: Sendable, Hashable, Codable {
    /// A fixed width in points.
    case points(Double)
    /// A share of the width left after fixed columns, relative to the other fractions.
    case fraction(Double)

    var isValid: Bool {
        switch self {
        case .points(let value), .fraction(let value): value > 0 && value.isFinite
        }
    }
}

/// One cell: styled text, spanning one or more columns, aligned like its first column.
public struct DocumentTableCell: Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    public var runs: [DocumentTextRun]
    public var span: Int

    public init(_ runs: [DocumentTextRun], span: Int = 1) {
        self.runs = runs
        self.span = span
    }

    public init(_ text: String, span: Int = 1) {
        self.init([DocumentTextRun(text)], span: span)
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The cell's text without styling.
    public var plainText: String { runs.map(\.text).joined() }
}

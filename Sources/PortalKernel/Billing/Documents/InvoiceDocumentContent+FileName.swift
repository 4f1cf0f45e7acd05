extension InvoiceDocumentContent {
    /// A file name without extension: the number made safe for file systems
    /// (`"INV-2026-11-00042"`; characters other than ASCII letters, digits, `-`, `_` and `.`
    /// become `-`), or for a draft `draft-<kind>-<created, UTC>` (`"draft-invoice-20261121T075427"`,
    /// `"draft-credit-note-…"`).
    public var fileBaseName: String {
        if let number, !number.isEmpty {
            var name = String(String.UnicodeScalarView(number.unicodeScalars.map(Self.fileNameScalar)))
            while name.hasPrefix(".") || name.hasPrefix("-") { name.removeFirst() }
            if !name.isEmpty { return name }
        }
        let kindName = kind == .invoice ? "invoice" : "credit-note"
        let stamp = createdAt.iso8601.prefix(19).filter { $0 != "-" && $0 != ":" }  // 20261121T075427
        return "draft-\(kindName)-\(stamp)"
    }

    private static func fileNameScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": scalar
        default: "-"
        }
    }
}

/// Text repeated at the top or bottom of every page, in up to three slots, with the page
/// number and page count filled in by the renderer.
///
/// ```swift
/// DocumentPageText(leading: "Acme Agency · INV-0042", trailing: "Page {page} of {pages}")
/// ```
public struct DocumentPageText: Sendable, Hashable, Codable {
    public var leading: [DocumentPageTextPart]
    public var center: [DocumentPageTextPart]
    public var trailing: [DocumentPageTextPart]

    /// Page text from templates in which `{page}` and `{pages}` stand for the page number and
    /// the page count.
    public init(leading: String = "", center: String = "", trailing: String = "") {
        self.leading = DocumentPageTextPart.parse(leading)
        self.center = DocumentPageTextPart.parse(center)
        self.trailing = DocumentPageTextPart.parse(trailing)
    }

    public init(leading: [DocumentPageTextPart], center: [DocumentPageTextPart], trailing: [DocumentPageTextPart]) {
        self.leading = leading
        self.center = center
        self.trailing = trailing
    }

    /// The three slots' text for page `page` of `pages`.
    public func resolved(page: Int, of pages: Int) -> (leading: String, center: String, trailing: String) {
        func text(_ parts: [DocumentPageTextPart]) -> String {
            parts.map { part in
                switch part {
                case .text(let text): text
                case .pageNumber: String(page)
                case .pageCount: String(pages)
                }
            }.joined()
        }
        return (text(leading), text(center), text(trailing))
    }
}

/// A piece of page header or footer text.
public enum DocumentPageTextPart: Sendable, Hashable, Codable {
    case text(String)
    /// The current page's number, from 1.
    case pageNumber
    /// The total number of pages.
    case pageCount

    /// Splits a template at `{page}` and `{pages}`; other text (including other braces) is kept.
    public static func parse(_ template: String) -> [DocumentPageTextPart] {
        var parts: [DocumentPageTextPart] = []
        var rest = Substring(template)
        var literal = ""
        while !rest.isEmpty {
            if rest.hasPrefix("{page}") {
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                parts.append(.pageNumber)
                rest = rest.dropFirst("{page}".count)
            } else if rest.hasPrefix("{pages}") {
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                parts.append(.pageCount)
                rest = rest.dropFirst("{pages}".count)
            } else {
                literal.append(rest.removeFirst())
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return parts
    }
}

/// A renderer-neutral description of a printable document (an invoice, a proposal, a
/// statement): page setup, metadata, running header and footer, and a list of blocks.
///
/// The kernel builds `DocumentLayout`s; a ``DocumentRenderer`` lays them out. The model says *what*
/// to show, not fonts or coordinates, so the same document renders as PDF today and as
/// something else later.
///
/// ```swift
/// var document = DocumentLayout(metadata: DocumentMetadata(title: "Invoice INV-0042", author: "Acme Agency"))
/// document.footer = DocumentPageText(trailing: "Page {page} of {pages}")
/// document.blocks = [
///     .heading("Invoice INV-0042", level: 1),
///     .keyValueList([DocumentKeyValue("Client", "Zoë Łukasiewicz"), DocumentKeyValue("Due", "2026-07-31")]),
///     .table(lines),
///     .paragraph([.plain("Pay by EFT quoting "), .monospace("INV-0042"), .plain(".")]),
/// ]
/// let pdf = try await renderer.render(document)
/// ```
public struct DocumentLayout: Sendable, Hashable, Codable {
    public var page: DocumentPageSetup
    public var metadata: DocumentMetadata
    /// The body text size in points; headings and small print scale from it.
    public var baseFontSize: Double
    /// Text at the top of every page.
    public var header: DocumentPageText?
    /// Text at the bottom of every page.
    public var footer: DocumentPageText?
    public var blocks: [DocumentBlock]

    public init(
        page: DocumentPageSetup = DocumentPageSetup(), metadata: DocumentMetadata = DocumentMetadata(),
        baseFontSize: Double = 10, header: DocumentPageText? = nil, footer: DocumentPageText? = nil,
        blocks: [DocumentBlock] = []
    ) {
        self.page = page
        self.metadata = metadata
        self.baseFontSize = baseFontSize
        self.header = header
        self.footer = footer
        self.blocks = blocks
    }

    /// Checks the document can be laid out: margins leave room on the page, a sensible font
    /// size, heading levels 1–4, non-negative spacers, non-empty images, well-formed tables.
    /// - Throws: ``PortalError`` `invalid` naming the block (`"blocks[4].rows[1]"`).
    public func validate() throws {
        guard page.contentWidth > 0, page.contentHeight > 0 else {
            throw PortalError.invalid("The margins leave no room on the page.", field: "page")
        }
        guard (4...72).contains(baseFontSize) else {
            throw PortalError.invalid("The base font size must be between 4 and 72 points.", field: "base_font_size")
        }
        for (index, block) in blocks.enumerated() {
            let path = "blocks[\(index)]"
            switch block {
            case .heading(_, let level) where !DocumentBlock.headingLevels.contains(level):
                throw PortalError.invalid("Heading levels run from 1 to 4.", field: path)
            case .spacer(let height) where !(height >= 0 && height.isFinite):
                throw PortalError.invalid("A spacer's height cannot be negative.", field: path)
            case .image(let image) where image.data.isEmpty:
                throw PortalError.invalid("An image needs data.", field: path)
            case .table(let table):
                try table.validate(path: path)
            default:
                continue
            }
        }
    }
}

/// Document properties written into the file (the PDF information dictionary).
public struct DocumentMetadata: Sendable, Hashable, Codable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: [String]
    /// When the document was produced; renderers write it as the creation date.
    public var createdAt: Instant?

    public init(
        title: String? = nil, author: String? = nil, subject: String? = nil, keywords: [String] = [],
        createdAt: Instant? = nil
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.createdAt = createdAt
    }
}

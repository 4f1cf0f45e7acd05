/// The document renderer port: turns a ``DocumentLayout`` into the bytes of a file, a PDF for the
/// production adapter (cairo), so invoices, proposals and statements can be downloaded and
/// attached to email.
///
/// ## Implementation requirements
/// - Call ``DocumentLayout/validate()`` first and throw its error unchanged.
/// - Render every block in order, honouring page size and margins, breaking pages where content
///   does not fit and at ``DocumentBlock/pageBreak``; repeat a table's header row on each page it
///   spans and never split a row across pages.
/// - Draw any Unicode text: fonts with fallback for non-Latin scripts, right-to-left text laid
///   out right to left (so `leading` is the right edge there). Missing glyphs are a defect.
/// - Fill in ``DocumentPageText`` with the page number and total page count.
/// - Write ``DocumentMetadata`` into the file (PDF: Title, Author, Subject, Keywords, CreationDate).
/// - Be deterministic for a given document (fixed dates from ``DocumentMetadata/createdAt``, no
///   random ids), so output can be compared in tests and cached.
/// - Rendering is CPU work in a C library: run it off the cooperative thread pool (the
///   `PortalBlocking` pool) and honour task cancellation between pages.
/// - Throw ``PortalError`` `invalid` for content that cannot be drawn (a corrupt image), and
///   ``PortalError/internal(debugDetail:)`` for a failure of the drawing library.
///
/// A sample conformance that renders plain text (for tests and text-only email):
/// ```swift
/// struct PlainTextRenderer: DocumentRenderer {
///     let contentType = "text/plain; charset=utf-8"
///     let fileExtension = "txt"
///     func render(_ document: DocumentLayout) async throws -> [UInt8] {
///         try document.validate()
///         return Array(document.plainText.utf8)
///     }
/// }
/// ```
public protocol DocumentRenderer: Sendable {
    /// The media type of what ``render(_:)`` returns: `"application/pdf"` for PDF renderers.
    var contentType: String { get }

    /// The usual file name extension without a dot (`"pdf"`).
    var fileExtension: String { get }

    /// Lays out `document` and returns the file's bytes.
    func render(_ document: DocumentLayout) async throws -> [UInt8]
}

extension DocumentRenderer {
    /// Renders `document` as a ``MailerAttachment`` called `<baseName>.<fileExtension>`.
    public func renderAttachment(_ document: DocumentLayout, baseName: String) async throws -> MailerAttachment {
        MailerAttachment(
            filename: "\(baseName).\(fileExtension)", contentType: contentType, content: try await render(document))
    }
}

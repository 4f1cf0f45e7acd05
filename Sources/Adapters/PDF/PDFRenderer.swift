import Logging
import PortalBlocking
import PortalKernel

/// The production ``DocumentRenderer``: lays a ``DocumentLayout`` out with pango (shaping,
/// bidi, font fallback for any script) and draws it with cairo into a PDF held in memory.
///
/// Rendering runs on the renderer's own ``BlockingThreadPool`` threads, never on the
/// cooperative pool; cancelling the awaiting task stops it at the next page. Blocks that do not
/// fit on the rest of a page move to the next; tables repeat their header row on each page;
/// header and footer text gets page numbers. Title, author, subject, keywords, creator and
/// (from ``DocumentMetadata/createdAt``) the creation date are written into the PDF.
///
/// ```swift
/// let renderer = PDFRenderer(logger: Logger(label: "portal.pdf"))
/// let pdf = try await renderer.render(invoiceLayout)
/// ```
public final class PDFRenderer: DocumentRenderer {
    /// `"application/pdf"`.
    public let contentType = "application/pdf"
    /// `"pdf"`.
    public let fileExtension = "pdf"
    /// The settings this renderer was created with.
    public let configuration: Configuration
    private let logger: Logger
    private let pool: BlockingThreadPool

    /// Starts the renderer's threads (``Configuration/threads``, at least one).
    public init(configuration: Configuration = Configuration(), logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.pool = BlockingThreadPool(name: "pdf", threads: max(1, configuration.threads))
    }

    deinit {
        pool.shutdown()
    }

    /// Validates `document` (throwing its error unchanged), lays it out and returns the PDF bytes.
    /// - Throws: ``PortalError`` `invalid` for an invalid layout or an unreadable image,
    ///   ``PortalError/internal(debugDetail:)`` if cairo fails, `CancellationError` if cancelled.
    public func render(_ document: DocumentLayout) async throws -> [UInt8] {
        try document.validate()
        let clock = ContinuousClock()
        let started = clock.now
        let configuration = configuration
        let (bytes, pageCount) = try await pool.runCancellable { cancellation in
            try Self.draw(document, configuration: configuration, cancellation: cancellation)
        }
        logger.debug(
            "Rendered PDF",
            metadata: [
                "pdf.pages": "\(pageCount)", "pdf.bytes": "\(bytes.count)", "duration": "\(clock.now - started)",
            ]
        )
        return bytes
    }

    /// Lays out and draws `document` on the calling (pool) thread; returns the bytes and page count.
    private static func draw(
        _ document: DocumentLayout, configuration: Configuration, cancellation: BlockingCancellation
    ) throws -> ([UInt8], Int) {
        let canvas = try PDFCanvas(
            size: document.page.size, metadata: document.metadata, creator: configuration.creator)
        let typesetter = try PDFTypesetter(
            context: canvas.pango, family: configuration.fontFamily,
            monospaceFamily: configuration.monospaceFontFamily, baseSize: document.baseFontSize)
        let paginator = PDFPaginator(setup: document.page, typesetter: typesetter, cancellation: cancellation)
        try paginator.layout(document.blocks)
        let painter = PDFPainter(canvas: canvas, type: typesetter, document: document, cancellation: cancellation)
        try painter.paint(paginator.pages)
        return (try canvas.finish(), paginator.pages.count)
    }
}

import CPangoCairo
import Foundation
import PortalKernel

/// One PDF document being drawn: a cairo PDF surface writing into a ``PDFByteSink``, its
/// drawing context and a pango context set to 72 dpi so font sizes are in points.
///
/// Owned by the single pool thread rendering the document; every cairo and pango object it
/// creates is released in `deinit`.
final class PDFCanvas {
    let sink = PDFByteSink()
    let surface: OpaquePointer
    let cairo: OpaquePointer
    let pango: OpaquePointer
    private var finished = false

    /// Creates the surface for pages of `size` and writes `metadata` into it.
    init(size: DocumentPageSize, metadata: DocumentMetadata, creator: String) throws {
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                PDFByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), size.width, size.height)
        else { throw PortalError.internal(debugDetail: "cairo_pdf_surface_create_for_stream returned NULL") }
        self.surface = surface
        guard let cairo = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw PortalError.internal(debugDetail: "cairo_create returned NULL")
        }
        self.cairo = cairo
        guard let pango = pango_cairo_create_context(cairo) else {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
            throw PortalError.internal(debugDetail: "pango_cairo_create_context returned NULL")
        }
        self.pango = pango
        pango_cairo_context_set_resolution(pango, 72)
        try Self.check(cairo_surface_status(surface), "creating the PDF surface")
        setMetadata(metadata, creator: creator)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pango))
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    private func setMetadata(_ metadata: DocumentMetadata, creator: String) {
        var entries: [(cairo_pdf_metadata_t, String?)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_CREATOR, creator.isEmpty ? nil : creator),
        ]
        if !metadata.keywords.isEmpty {
            entries.append((CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords.joined(separator: ", ")))
        }
        if let createdAt = metadata.createdAt {
            let date = Self.pdfDate(createdAt)
            entries.append((CAIRO_PDF_METADATA_CREATE_DATE, date))
            entries.append((CAIRO_PDF_METADATA_MOD_DATE, date))
        }
        for case let (key, value?) in entries where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
    }

    /// `createdAt` in the ISO 8601 form cairo accepts (`2026-07-01T09:30:00Z`), whole seconds in UTC.
    static func pdfDate(_ instant: Instant) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(instant.secondsSinceEpoch)))
    }

    /// Ends the current page and starts the next.
    func showPage() throws {
        cairo_show_page(cairo)
        try Self.check(cairo_status(cairo), "ending a page")
    }

    /// Finishes the document and returns the PDF file's bytes.
    func finish() throws -> [UInt8] {
        if !finished {
            finished = true
            cairo_surface_finish(surface)
        }
        try Self.check(cairo_surface_status(surface), "finishing the PDF")
        return sink.bytes
    }

    // MARK: Drawing primitives

    /// Draws `text` with its top-left corner at (`x`, `y`) in `gray` (0 black, 1 white).
    func draw(_ text: PDFText, x: Double, y: Double, gray: Double = 0) {
        cairo_set_source_rgb(cairo, gray, gray, gray)
        cairo_move_to(cairo, x, y)
        pango_cairo_show_layout(cairo, text.layout)
    }

    /// Strokes a straight line.
    func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), width: Double, gray: Double) {
        cairo_set_source_rgb(cairo, gray, gray, gray)
        cairo_set_line_width(cairo, width)
        cairo_move_to(cairo, start.x, start.y)
        cairo_line_to(cairo, end.x, end.y)
        cairo_stroke(cairo)
    }

    /// Fills a rectangle.
    func fill(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        cairo_set_source_rgb(cairo, gray, gray, gray)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
    }

    /// Throws ``PortalError/internal(debugDetail:)`` for any status other than success.
    static func check(_ status: cairo_status_t, _ doing: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        let detail = cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
        throw PortalError.internal(debugDetail: "cairo failed \(doing): \(detail)")
    }
}

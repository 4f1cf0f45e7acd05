import PortalBlocking
import CPangoCairo
import PortalKernel

/// Draws pages placed by ``PDFPaginator`` onto a ``PDFCanvas``, adding the running header and
/// footer now that the page count is known.
struct PDFPainter {
    let canvas: PDFCanvas
    let type: PDFTypesetter
    let document: DocumentLayout
    let cancellation: BlockingCancellation

    /// Draws every page, ending each one; checks for cancellation before each page.
    func paint(_ pages: [[PDFPageItem]]) throws {
        for (index, items) in pages.enumerated() {
            try cancellation.check()
            for item in items { draw(item) }
            if let header = document.header {
                try drawPageText(header, page: index + 1, of: pages.count, band: (0, document.page.margins.top))
            }
            if let footer = document.footer {
                let bottom = document.page.size.height
                try drawPageText(
                    footer, page: index + 1, of: pages.count, band: (bottom - document.page.margins.bottom, bottom))
            }
            try canvas.showPage()
        }
    }

    private func draw(_ item: PDFPageItem) {
        switch item {
        case .text(let text, let x, let y, let gray):
            canvas.draw(text, x: x, y: y, gray: gray)
        case .line(let x1, let y1, let x2, let y2, let width, let gray):
            canvas.line(from: (x1, y1), to: (x2, y2), width: width, gray: gray)
        case .rectangle(let x, let y, let width, let height, let gray):
            canvas.fill(x: x, y: y, width: width, height: height, gray: gray)
        case .image(let image, let x, let y, let width, let height):
            let cairo = canvas.cairo
            cairo_save(cairo)
            cairo_translate(cairo, x, y)
            cairo_scale(cairo, width / max(image.pixelWidth, 1), height / max(image.pixelHeight, 1))
            cairo_set_source_surface(cairo, image.surface, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
            cairo_paint(cairo)
            cairo_restore(cairo)
        }
    }

    /// Draws the three slots of `text` centred vertically in the band between `band.top` and `band.bottom`.
    private func drawPageText(_ text: DocumentPageText, page: Int, of pages: Int, band: (top: Double, bottom: Double))
        throws
    {
        let slots = text.resolved(page: page, of: pages)
        let width = document.page.contentWidth
        for (string, alignment) in [
            (slots.leading, DocumentAlignment.leading), (slots.center, .center), (slots.trailing, .trailing),
        ] where !string.isEmpty {
            let laidOut = try type.text(string, size: type.smallSize, alignment: alignment, width: width)
            let y = band.top + (band.bottom - band.top - laidOut.height) / 2
            canvas.draw(laidOut, x: document.page.margins.leading, y: y, gray: 0.4)
        }
    }
}

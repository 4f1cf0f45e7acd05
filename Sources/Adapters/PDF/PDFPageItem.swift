/// Something placed on a page by ``PDFPaginator``, in page coordinates (points from the top left).
enum PDFPageItem {
    /// Text with its top-left corner at (`x`, `y`), in `gray` (0 black).
    case text(PDFText, x: Double, y: Double, gray: Double)
    /// A straight line.
    case line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, gray: Double)
    /// A filled rectangle (table header shading).
    case rectangle(x: Double, y: Double, width: Double, height: Double, gray: Double)
    /// A raster image scaled into the given box.
    case image(PDFImage, x: Double, y: Double, width: Double, height: Double)
}

/// A row of text cells drawn side by side (a table row or a key-value pair), positioned
/// relative to the row's top-left corner.
struct PDFRow {
    var cells: [(text: PDFText, x: Double)] = []
    /// Inner padding above and below the tallest cell.
    var padding: Double
    var gray: Double = 0

    var height: Double { (cells.map(\.text.height).max() ?? 0) + 2 * padding }
}

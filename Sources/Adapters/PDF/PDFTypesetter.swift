import CPangoCairo
import PortalKernel

/// Makes ``PDFText``s in the document's fonts: the configured family at sizes derived from the
/// document's base size (headings larger, page header and footer smaller).
///
/// Owns one `PangoFontDescription`, freed in `deinit`; used on the rendering thread only.
final class PDFTypesetter {
    private let context: OpaquePointer
    private let font: OpaquePointer
    let monospaceFamily: String
    /// The body text size in points.
    let baseSize: Double

    init(context: OpaquePointer, family: String, monospaceFamily: String, baseSize: Double) throws {
        guard let font = pango_font_description_new() else {
            throw PortalError.internal(debugDetail: "pango_font_description_new returned NULL")
        }
        pango_font_description_set_family(font, family)
        self.context = context
        self.font = font
        self.monospaceFamily = monospaceFamily
        self.baseSize = baseSize
    }

    deinit {
        pango_font_description_free(font)
    }

    /// The size of a heading of `level` (1 largest).
    func headingSize(level: Int) -> Double {
        switch level {
        case 1: baseSize * 2
        case 2: baseSize * 1.6
        case 3: baseSize * 1.3
        default: baseSize * 1.1
        }
    }

    /// The size of page header and footer text.
    var smallSize: Double { baseSize * 0.8 }

    /// Lays out `runs` at `size` points (the base size by default).
    func text(
        _ runs: [DocumentTextRun], size: Double? = nil, bold: Bool = false, alignment: DocumentAlignment = .leading,
        width: Double? = nil
    ) throws -> PDFText {
        pango_font_description_set_size(font, Int32(((size ?? baseSize) * Double(PANGO_SCALE)).rounded()))
        return try PDFText(
            context: context, markup: PDFText.markup(runs, bold: bold, monospaceFamily: monospaceFamily), font: font,
            alignment: alignment, wrapWidth: width)
    }

    /// Lays out plain `string`.
    func text(
        _ string: String, size: Double? = nil, bold: Bool = false, alignment: DocumentAlignment = .leading,
        width: Double? = nil
    ) throws -> PDFText {
        try text([DocumentTextRun(string)], size: size, bold: bold, alignment: alignment, width: width)
    }
}

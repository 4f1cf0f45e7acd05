import CPangoCairo
import PortalKernel

/// A block of text shaped by pango (a `PangoLayout`): wrapped to a width, aligned, with bidi,
/// shaping and font fallback. Releases the layout when it goes away.
///
/// Used only on the pool thread rendering the document it belongs to.
final class PDFText {
    let layout: OpaquePointer
    /// The laid-out width and height in points.
    let width: Double
    let height: Double

    /// Lays out `markup` (pango markup) in `font`, wrapped at `wrapWidth` points if given.
    init(context: OpaquePointer, markup: String, font: OpaquePointer, alignment: DocumentAlignment, wrapWidth: Double?)
        throws
    {
        guard let layout = pango_layout_new(context) else {
            throw PortalError.internal(debugDetail: "pango_layout_new returned NULL")
        }
        self.layout = layout
        pango_layout_set_font_description(layout, font)
        pango_layout_set_auto_dir(layout, 1)
        if let wrapWidth {
            pango_layout_set_width(layout, Int32((max(wrapWidth, 1) * Double(PANGO_SCALE)).rounded(.down)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        // With auto direction, LEFT and RIGHT swap for right-to-left paragraphs: LEFT is "leading".
        switch alignment {
        case .leading: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .trailing: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_markup(layout, markup, -1)
        var logicalWidth: Int32 = 0
        var logicalHeight: Int32 = 0
        pango_layout_get_size(layout, &logicalWidth, &logicalHeight)
        self.width = wrapWidth ?? Double(logicalWidth) / Double(PANGO_SCALE)
        self.height = Double(logicalHeight) / Double(PANGO_SCALE)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// The width of the text's widest line, in points, ignoring the wrap width.
    var naturalWidth: Double {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    /// `runs` as pango markup: bold, italic and monospace spans around escaped text.
    static func markup(_ runs: [DocumentTextRun], bold: Bool, monospaceFamily: String) -> String {
        var markup = ""
        for run in runs where !run.text.isEmpty {
            var open = ""
            var close = ""
            if run.style.contains(.monospace) {
                open += "<span font_family=\"\(escape(monospaceFamily))\">"
                close = "</span>" + close
            }
            if run.style.contains(.bold) {
                open += "<b>"
                close = "</b>" + close
            }
            if run.style.contains(.italic) {
                open += "<i>"
                close = "</i>" + close
            }
            markup += open + escape(run.text) + close
        }
        return bold ? "<b>\(markup)</b>" : markup
    }

    /// Escapes the characters pango markup gives meaning to.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}

import PortalBlocking
import PortalKernel

/// Places a document's blocks on pages top to bottom: a block that does not fit on the rest of
/// the page moves to the next one, and tables continue over pages (see `PDFPaginator+Table`).
///
/// Used on the rendering thread only; checks for cancellation at every new page.
final class PDFPaginator {
    let setup: DocumentPageSetup
    let type: PDFTypesetter
    private let cancellation: BlockingCancellation
    private(set) var pages: [[PDFPageItem]] = [[]]
    /// The top of the free space on the current page.
    private(set) var y: Double
    /// Whether nothing has been placed on the current page yet.
    private(set) var isPageFresh = true

    init(setup: DocumentPageSetup, typesetter: PDFTypesetter, cancellation: BlockingCancellation) {
        self.setup = setup
        self.type = typesetter
        self.cancellation = cancellation
        self.y = setup.margins.top
    }

    var left: Double { setup.margins.leading }
    var width: Double { setup.contentWidth }
    var bottom: Double { setup.size.height - setup.margins.bottom }
    var remaining: Double { bottom - y }
    var base: Double { type.baseSize }

    /// Lays out every block in order.
    func layout(_ blocks: [DocumentBlock]) throws {
        for (index, block) in blocks.enumerated() {
            switch block {
            case .heading(let text, let level):
                let heading = try type.text(text, size: type.headingSize(level: level), bold: true, width: width)
                // Keep a heading with at least two lines of what follows.
                try keepRoom(heading.height + 3 * base * 1.2, spaceBefore: base * 1.2)
                place(.text(heading, x: left, y: try reserve(heading.height, spaceBefore: base * 1.2), gray: 0))
            case .paragraph(let paragraph):
                let text = try type.text(paragraph.runs, alignment: paragraph.alignment, width: width)
                place(.text(text, x: left, y: try reserve(text.height, spaceBefore: base * 0.6), gray: 0))
            case .keyValueList(let pairs):
                try layoutKeyValues(pairs)
            case .table(let table):
                try layoutTable(table)
            case .horizontalRule:
                let top = try reserve(base * 0.6, spaceBefore: base * 0.6)
                let lineY = top + base * 0.3
                place(.line(x1: left, y1: lineY, x2: left + width, y2: lineY, width: 0.6, gray: 0.6))
            case .spacer(let height):
                if height > remaining { try newPage() } else { y += height }
            case .pageBreak:
                try newPage()
            case .image(let image):
                try layoutImage(image, path: "blocks[\(index)]")
            }
        }
    }

    /// Starts a new page.
    func newPage() throws {
        try cancellation.check()
        pages.append([])
        y = setup.margins.top
        isPageFresh = true
    }

    /// Moves to a new page unless `height` (after `spaceBefore`) fits on this one or the page is empty.
    func keepRoom(_ height: Double, spaceBefore: Double) throws {
        if !isPageFresh, spaceBefore + height > remaining { try newPage() }
    }

    /// Claims `height` points of vertical space (after `spaceBefore`, dropped at the top of a
    /// page), moving to a new page if it does not fit, and returns the top of the claimed space.
    func reserve(_ height: Double, spaceBefore: Double) throws -> Double {
        try keepRoom(height, spaceBefore: spaceBefore)
        let top = isPageFresh ? y : y + spaceBefore
        y = top + height
        isPageFresh = false
        return top
    }

    /// Adds `item` to the current page.
    func place(_ item: PDFPageItem) {
        pages[pages.count - 1].append(item)
    }

    /// Places `row`'s cells with the row's top at `top`.
    func place(_ row: PDFRow, top: Double) {
        for cell in row.cells {
            place(.text(cell.text, x: left + cell.x, y: top + row.padding, gray: row.gray))
        }
    }

    private func layoutKeyValues(_ pairs: [DocumentKeyValue]) throws {
        let gap = base
        let keys = try pairs.map { try type.text($0.key) }
        let keyWidth = min(keys.map(\.naturalWidth).max() ?? 0, width * 0.35)
        for (index, pair) in pairs.enumerated() {
            var row = PDFRow(padding: base * 0.15)
            row.cells.append((try type.text(pair.key, width: keyWidth), 0))
            let value = try type.text(
                pair.value.runs, alignment: pair.value.alignment, width: width - keyWidth - gap)
            row.cells.append((value, keyWidth + gap))
            let top = try reserve(row.height, spaceBefore: index == 0 ? base * 0.6 : 0)
            place(.text(row.cells[0].text, x: left, y: top + row.padding, gray: 0.4))
            place(.text(value, x: left + keyWidth + gap, y: top + row.padding, gray: 0))
        }
    }

    private func layoutImage(_ image: DocumentImage, path: String) throws {
        let picture = try PDFImage(image, field: path)
        var drawWidth = image.width ?? min(picture.pixelWidth, width)
        var drawHeight = image.height ?? drawWidth * picture.pixelHeight / max(picture.pixelWidth, 1)
        if image.width == nil, image.height != nil {
            drawWidth = min(drawHeight * picture.pixelWidth / max(picture.pixelHeight, 1), width)
        }
        let pageRoom = bottom - setup.margins.top
        if drawHeight > pageRoom {
            drawWidth *= pageRoom / drawHeight
            drawHeight = pageRoom
        }
        let x: Double
        switch image.alignment {
        case .leading: x = left
        case .center: x = left + (width - drawWidth) / 2
        case .trailing: x = left + width - drawWidth
        }
        let top = try reserve(drawHeight, spaceBefore: base * 0.6)
        place(.image(picture, x: x, y: top, width: drawWidth, height: drawHeight))
    }
}

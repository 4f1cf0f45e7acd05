/// The paper a ``DocumentLayout`` is laid out on: its size and margins, in PostScript points
/// (1/72 inch).
public struct DocumentPageSetup: Sendable, Hashable, Codable {
    public var size: DocumentPageSize
    public var margins: DocumentMargins

    public init(size: DocumentPageSize = .a4, margins: DocumentMargins = DocumentMargins(all: 56)) {
        self.size = size
        self.margins = margins
    }

    /// The width available to content.
    public var contentWidth: Double { size.width - margins.leading - margins.trailing }
    /// The height available to content on one page.
    public var contentHeight: Double { size.height - margins.top - margins.bottom }
}

/// A page size in points.
public struct DocumentPageSize: Sendable, Hashable, Codable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// ISO A4, 210 × 297 mm.
    public static let a4 = DocumentPageSize(width: 595.28, height: 841.89)
    /// ISO A5, 148 × 210 mm.
    public static let a5 = DocumentPageSize(width: 419.53, height: 595.28)
    /// US Letter, 8.5 × 11 in.
    public static let letter = DocumentPageSize(width: 612, height: 792)
    /// US Legal, 8.5 × 14 in.
    public static let legal = DocumentPageSize(width: 612, height: 1008)

    /// The same size turned sideways.
    public var landscape: DocumentPageSize {
        DocumentPageSize(width: max(width, height), height: min(width, height))
    }
}

/// Page margins in points. `leading` and `trailing` follow the reading direction.
public struct DocumentMargins: Sendable, Hashable, Codable {
    public var top: Double
    public var trailing: Double
    public var bottom: Double
    public var leading: Double

    public init(top: Double, trailing: Double, bottom: Double, leading: Double) {
        self.top = top
        self.trailing = trailing
        self.bottom = bottom
        self.leading = leading
    }

    /// The same margin on every side.
    public init(all value: Double) {
        self.init(top: value, trailing: value, bottom: value, leading: value)
    }
}

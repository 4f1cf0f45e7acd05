/// One vertical element of a ``DocumentLayout``'s body, laid out top to bottom.
public enum DocumentBlock: Sendable, Hashable, Codable {
    /// A heading, level 1 (largest) to 4.
    case heading(String, level: Int)
    case paragraph(DocumentParagraph)
    /// Labels and values in two aligned columns ("Invoice number — INV-0042").
    case keyValueList([DocumentKeyValue])
    case table(DocumentTable)
    /// A thin line across the content width.
    case horizontalRule
    /// Empty vertical space, in points.
    case spacer(Double)
    /// Continue on a new page.
    case pageBreak
    case image(DocumentImage)

    /// The range of heading levels.
    public static let headingLevels = 1...4
}

/// A label and its value in a ``DocumentBlock/keyValueList(_:)``.
public struct DocumentKeyValue: Sendable, Hashable, Codable {
    public var key: String
    public var value: DocumentParagraph

    public init(_ key: String, _ value: DocumentParagraph) {
        self.key = key
        self.value = value
    }
}

/// A raster image embedded in a document (a logo, a signature).
///
/// Encoded (`Codable`) with the bytes as base64.
public struct DocumentImage: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        case png, jpeg
    }

    public var data: [UInt8]
    public var format: Format
    /// The width to draw, in points; `nil` for the image's natural size scaled to fit the content width.
    public var width: Double?
    /// The height to draw, in points; `nil` to keep the aspect ratio.
    public var height: Double?
    public var alignment: DocumentAlignment
    /// A text alternative, written to the PDF for accessibility.
    public var altText: String?

    public init(
        data: [UInt8], format: Format, width: Double? = nil, height: Double? = nil,
        alignment: DocumentAlignment = .leading, altText: String? = nil
    ) {
        self.data = data
        self.format = format
        self.width = width
        self.height = height
        self.alignment = alignment
        self.altText = altText
    }

    private enum CodingKeys: String, CodingKey {
        case data, format, width, height, alignment, altText
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ByteEncoding.base64Standard(data), forKey: .data)
        try container.encode(format, forKey: .format)
        try container.encodeIfPresent(width, forKey: .width)
        try container.encodeIfPresent(height, forKey: .height)
        try container.encode(alignment, forKey: .alignment)
        try container.encodeIfPresent(altText, forKey: .altText)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let data = ByteEncoding.bytes(fromBase64: try container.decode(String.self, forKey: .data)) else {
            throw DecodingError.dataCorruptedError(forKey: .data, in: container, debugDescription: "Expected base64")
        }
        self.data = data
        self.format = try container.decode(Format.self, forKey: .format)
        self.width = try container.decodeIfPresent(Double.self, forKey: .width)
        self.height = try container.decodeIfPresent(Double.self, forKey: .height)
        self.alignment = try container.decode(DocumentAlignment.self, forKey: .alignment)
        self.altText = try container.decodeIfPresent(String.self, forKey: .altText)
    }
}

/// A paragraph: runs of text, each with simple styling, and an alignment.
///
/// ```swift
/// let paragraph: DocumentParagraph = [.plain("Amount due: "), .bold("ZAR 1,234.56")]
/// let note: DocumentParagraph = "Thank you for your business."
/// ```
/// Text is Unicode throughout: renderers must draw any script (Łódź, 東京, Ελληνικά, العربية).
public struct DocumentParagraph: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    public var runs: [DocumentTextRun]
    public var alignment: DocumentAlignment

    public init(_ runs: [DocumentTextRun], alignment: DocumentAlignment = .leading) {
        self.runs = runs
        self.alignment = alignment
    }

    /// A paragraph of unstyled text.
    public init(_ text: String, alignment: DocumentAlignment = .leading) {
        self.init([DocumentTextRun(text)], alignment: alignment)
    }

    public init(stringLiteral value: String) { self.init(value) }
    public init(arrayLiteral elements: DocumentTextRun...) { self.init(elements) }

    /// The paragraph's text without styling.
    public var plainText: String { runs.map(\.text).joined() }
}

/// A stretch of text in one style.
public struct DocumentTextRun: Sendable, Hashable, Codable {
    public var text: String
    public var style: DocumentTextStyle

    public init(_ text: String, style: DocumentTextStyle = []) {
        self.text = text
        self.style = style
    }

    public static func plain(_ text: String) -> DocumentTextRun { DocumentTextRun(text) }
    public static func bold(_ text: String) -> DocumentTextRun { DocumentTextRun(text, style: .bold) }
    public static func italic(_ text: String) -> DocumentTextRun { DocumentTextRun(text, style: .italic) }
    public static func monospace(_ text: String) -> DocumentTextRun { DocumentTextRun(text, style: .monospace) }
}

/// Styling for a ``DocumentTextRun``; combine freely (`[.bold, .italic]`).
public struct DocumentTextStyle: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let bold = DocumentTextStyle(rawValue: 1 << 0)
    public static let italic = DocumentTextStyle(rawValue: 1 << 1)
    /// A fixed-width face, for references, codes and account numbers.
    public static let monospace = DocumentTextStyle(rawValue: 1 << 2)
}

/// Horizontal alignment. `leading` and `trailing` follow the reading direction of the text.
public enum DocumentAlignment: String, Sendable, Hashable, Codable, CaseIterable {
    case leading, center, trailing
}

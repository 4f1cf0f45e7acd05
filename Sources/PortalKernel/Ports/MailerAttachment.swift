/// A file attached to a message, or embedded in its HTML when ``contentID`` is set.
///
/// Encoded (`Codable`) with the bytes as base64, so a queued message can be stored;
/// ``description`` shows the name, type and size only.
public struct MailerAttachment: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file name shown to the recipient; any Unicode (`"faktura łódź.pdf"`).
    public var filename: String
    /// The MIME type (`"application/pdf"`, `"image/png"`).
    public var contentType: String
    /// The file's bytes.
    public var content: [UInt8]
    /// Makes the attachment inline: the HTML refers to it as `cid:<contentID>`.
    public var contentID: String?

    public init(filename: String, contentType: String, content: [UInt8], contentID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
        self.contentID = contentID
    }

    /// Whether the attachment is embedded in the HTML rather than offered as a file.
    public var isInline: Bool { contentID != nil }

    public var description: String {
        "MailerAttachment(\(filename), \(contentType), \(content.count) bytes\(isInline ? ", inline" : ""))"
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case filename, contentType, content, contentID = "contentId"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(filename, forKey: .filename)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(ByteEncoding.base64Standard(content), forKey: .content)
        try container.encodeIfPresent(contentID, forKey: .contentID)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.filename = try container.decode(String.self, forKey: .filename)
        self.contentType = try container.decode(String.self, forKey: .contentType)
        guard let content = ByteEncoding.bytes(fromBase64: try container.decode(String.self, forKey: .content)) else {
            throw DecodingError.dataCorruptedError(forKey: .content, in: container, debugDescription: "Expected base64")
        }
        self.content = content
        self.contentID = try container.decodeIfPresent(String.self, forKey: .contentID)
    }
}

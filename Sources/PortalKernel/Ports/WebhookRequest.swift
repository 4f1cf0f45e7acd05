/// An inbound webhook or postback exactly as it arrived: the raw body bytes and the headers.
///
/// Signatures are computed over the raw bytes, so the front end hands them over untouched
/// (never decoded and re-encoded). Ports parse a `WebhookRequest` into their own events:
/// ``PaymentGateway/parseWebhook(_:account:)``, ``Mailer/parseWebhook(_:account:)``,
/// ``CodeHost/parseWebhook(_:account:)``.
///
/// The value is `Codable` (body as base64, headers as ordered pairs) so the kernel can store a
/// delivery in its inbox and verify or parse it later from a job.
public struct WebhookRequest: Sendable, Hashable, Codable {
    /// The request body, byte for byte.
    public var body: [UInt8]
    /// The request headers, in order.
    public var headers: HTTPHeaders
    /// The query string without `?`, if any (some providers put tokens there).
    public var query: String?
    /// The sender's IP address as seen by the front end (NetCash postbacks are checked by origin).
    public var remoteAddress: String?
    /// When the front end received it.
    public var receivedAt: Instant

    public init(
        body: [UInt8], headers: HTTPHeaders = HTTPHeaders(), query: String? = nil, remoteAddress: String? = nil,
        receivedAt: Instant
    ) {
        self.body = body
        self.headers = headers
        self.query = query
        self.remoteAddress = remoteAddress
        self.receivedAt = receivedAt
    }

    /// The body as UTF-8 text (invalid sequences repaired), for parsing JSON or form bodies.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers[name] }

    private enum CodingKeys: String, CodingKey {
        case body, headers, query, remoteAddress, receivedAt
    }

    private struct HeaderField: Codable {
        var name: String
        var value: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ByteEncoding.base64Standard(body), forKey: .body)
        try container.encode(headers.fields.map { HeaderField(name: $0.name, value: $0.value) }, forKey: .headers)
        try container.encodeIfPresent(query, forKey: .query)
        try container.encodeIfPresent(remoteAddress, forKey: .remoteAddress)
        try container.encode(receivedAt, forKey: .receivedAt)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let encodedBody = try container.decode(String.self, forKey: .body)
        guard let body = ByteEncoding.bytes(fromBase64: encodedBody) else {
            throw DecodingError.dataCorruptedError(forKey: .body, in: container, debugDescription: "Expected base64")
        }
        self.body = body
        var headers = HTTPHeaders()
        for field in try container.decode([HeaderField].self, forKey: .headers) { headers.add(field.name, field.value) }
        self.headers = headers
        self.query = try container.decodeIfPresent(String.self, forKey: .query)
        self.remoteAddress = try container.decodeIfPresent(String.self, forKey: .remoteAddress)
        self.receivedAt = try container.decode(Instant.self, forKey: .receivedAt)
    }
}

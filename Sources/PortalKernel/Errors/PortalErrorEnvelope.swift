/// The wire form of a ``PortalError``, shared by every front end:
/// `{"error":{"code":"invalid","message":"…","field":"email"}}`. `field` is always present
/// (`null` when no single input is at fault) so clients can rely on the shape.
/// ``PortalError/debugDetail`` is never part of it.
public struct PortalErrorEnvelope: Sendable, Hashable, Codable {
    public struct Body: Sendable, Hashable, Codable {
        public let code: String
        public let message: String
        public let field: String?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(field, forKey: .field)
        }
    }

    public let error: Body

    public init(_ error: PortalError) {
        self.error = Body(code: error.code.rawValue, message: error.message, field: error.field)
    }
}

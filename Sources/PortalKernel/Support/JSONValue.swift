/// Any JSON value, for documents whose shape is not fixed (configuration files, provider payloads).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Tries, in turn, null, `Bool`, `Int64`, `Double`, `String`, an array and an object; the
    /// first that decodes is the value, and the object's error is thrown when none does.
    ///
    /// A failed try costs a thrown `DecodingError`. With Foundation's `JSONDecoder`, where at most
    /// `Int64`, `Double` and `String` can succeed on one value (a number may be both; a string may
    /// be a `Double` under `.convertFromString`), the tries run in an order that keeps those
    /// three in sequence and otherwise puts the commoner types first, with the same result.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if FoundationJSONDecoderIdentity.isFoundationJSONDecoder(decoder) {
            self = try Self.decodeNonNullFromFoundationJSON(container)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The general order of ``init(from:)``, rearranged for Foundation's `JSONDecoder`: every try
    /// that can succeed on one value keeps its place relative to the others, and the last
    /// step, reached only when all failed, is the general order's last, so its error is thrown.
    private static func decodeNonNullFromFoundationJSON(_ container: any SingleValueDecodingContainer) throws -> JSONValue {
        if let value = try? container.decode(Int64.self) { return .integer(value) }
        if let value = try? container.decode(Double.self) { return .number(value) }
        if let value = try? container.decode(String.self) { return .string(value) }
        if let value = try? container.decode([String: JSONValue].self) { return .object(value) }
        if let value = try? container.decode(Bool.self) { return .bool(value) }
        if let value = try? container.decode([JSONValue].self) { return .array(value) }
        return .object(try container.decode([String: JSONValue].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as text when it is a scalar (`true`, `42`, `1.5`, `"x"`), else `nil`.
    public var scalarText: String? {
        switch self {
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): value
        case .null, .array, .object: nil
        }
    }
}

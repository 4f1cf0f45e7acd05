import Foundation

/// The kernel's JSON conventions: sorted keys, snake_case keys, no escaped slashes,
/// so stored and printed JSON is stable and diffable.
///
/// Foundation's snake_case conversion cannot recover acronyms on decoding: a property
/// `paymentID` is written as `payment_id`, but `payment_id` is read back as `paymentId`.
/// Types with such properties declare explicit `CodingKeys` (`case paymentID = "payment_id"`);
/// the round-trip tests of each stored type catch a forgotten one.
public enum JSONCoding {
    /// An encoder with Portal's conventions.
    public static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// A decoder with Portal's conventions.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    public static func encode<Value: Encodable>(_ value: Value, pretty: Bool = false) throws -> [UInt8] {
        Array(try makeEncoder(pretty: pretty).encode(value))
    }

    public static func encodeToString<Value: Encodable>(_ value: Value, pretty: Bool = false) throws -> String {
        String(decoding: try encode(value, pretty: pretty), as: UTF8.self)
    }

    /// Decodes `text`, turning a decoding failure into `invalid` that names the offending field.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String, field: String? = nil) throws -> Value {
        try decode(type, from: Array(text.utf8), field: field)
    }

    /// Decodes `bytes`, turning a decoding failure into `invalid` that names the offending field.
    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8], field: String? = nil) throws -> Value {
        do {
            return try makeDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw PortalError.invalid(from: error, prefix: field)
        } catch let error as PortalError {
            throw error
        } catch {
            throw PortalError.invalid("The body is not valid JSON.", field: field)
        }
    }
}

extension PortalError {
    /// Describes a `DecodingError` as `invalid` with the JSON path of the field at fault.
    public static func invalid(from error: DecodingError, prefix: String? = nil) -> PortalError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String? {
            var keys = codingPath
            if let last { keys.append(last) }
            let parts = keys.map { key in key.intValue.map { "[\($0)]" } ?? snakeCase(key.stringValue) }
            let joined = parts.reduce(into: "") { result, part in
                result += (part.hasPrefix("[") || result.isEmpty) ? part : ".\(part)"
            }
            let full = [prefix, joined.isEmpty ? nil : joined].compactMap { $0 }.joined(separator: ".")
            return full.isEmpty ? nil : full
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid("This field is required.", field: path(context.codingPath, key))
        case .valueNotFound(_, let context):
            return .invalid("This field must not be null.", field: path(context.codingPath))
        case .typeMismatch(let type, let context):
            return .invalid("Expected \(jsonTypeName(type)).", field: path(context.codingPath))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .invalid("The body is not valid JSON.", field: prefix)
            }
            return .invalid(context.debugDescription, field: path(context.codingPath))
        @unknown default:
            return .invalid("The body could not be read.", field: prefix)
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type: "a number"
        default: "a value of another type"
        }
    }

    private static func snakeCase(_ key: String) -> String {
        var out = ""
        for char in key {
            if char.isUppercase {
                if !out.isEmpty { out.append("_") }
                out.append(contentsOf: char.lowercased())
            } else {
                out.append(char)
            }
        }
        return out
    }
}

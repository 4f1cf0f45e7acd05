/// A Swift value that can be bound as a SQL parameter.
public protocol SQLEncodable: Sendable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a SQL column.
public protocol SQLDecodable: Sendable {
    /// Decodes from a non-null value; throws `SQLDecodingError` on a type mismatch.
    init(sqlValue: SQLValue) throws
}

/// A column could not be read as the requested Swift type.
public struct SQLDecodingError: Error, Sendable, CustomStringConvertible {
    public let expected: String
    public let found: SQLValue
    public var description: String { "expected \(expected), found \(found)" }
}

extension SQLValue: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { self }
    public init(sqlValue: SQLValue) { self = sqlValue }
}

extension Int64: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .integer(let value): self = value
        case .bool(let value): self = value ? 1 : 0
        case .text(let text):
            guard let value = Int64(text) else { throw SQLDecodingError(expected: "integer", found: sqlValue) }
            self = value
        default: throw SQLDecodingError(expected: "integer", found: sqlValue)
        }
    }
}

extension Int: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init(sqlValue: SQLValue) throws { self = Int(try Int64(sqlValue: sqlValue)) }
}

extension Int32: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init(sqlValue: SQLValue) throws {
        let wide = try Int64(sqlValue: sqlValue)
        guard let value = Int32(exactly: wide) else { throw SQLDecodingError(expected: "32-bit integer", found: sqlValue) }
        self = value
    }
}

extension Double: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .real(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        case .text(let text):
            guard let value = Double(text) else { throw SQLDecodingError(expected: "real", found: sqlValue) }
            self = value
        default: throw SQLDecodingError(expected: "real", found: sqlValue)
        }
    }
}

extension String: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .text(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .text(let value): self = value
        case .integer(let value): self = String(value)
        case .timestamp(let value): self = value.iso8601
        case .date(let value): self = value.iso8601
        default: throw SQLDecodingError(expected: "text", found: sqlValue)
        }
    }
}

extension Bool: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .bool(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .bool(let value): self = value
        case .integer(let value): self = value != 0
        case .text(let text) where text == "t" || text == "true" || text == "1": self = true
        case .text(let text) where text == "f" || text == "false" || text == "0": self = false
        default: throw SQLDecodingError(expected: "bool", found: sqlValue)
        }
    }
}

extension Array: SQLEncodable where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
}

extension Array: SQLDecodable where Element == UInt8 {
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .blob(let bytes): self = bytes
        case .text(let text): self = Array(text.utf8)
        default: throw SQLDecodingError(expected: "blob", found: sqlValue)
        }
    }
}

extension Instant: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .timestamp(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .timestamp(let value): self = value
        case .text(let text):
            guard let value = Instant(iso8601: text) else { throw SQLDecodingError(expected: "timestamp", found: sqlValue) }
            self = value
        case .integer(let micros): self = Instant(microsecondsSinceEpoch: micros)
        default: throw SQLDecodingError(expected: "timestamp", found: sqlValue)
        }
    }
}

extension LocalDate: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .date(self) }
    public init(sqlValue: SQLValue) throws {
        switch sqlValue {
        case .date(let value): self = value
        case .text(let text):
            guard let value = LocalDate(iso8601: text) else { throw SQLDecodingError(expected: "date", found: sqlValue) }
            self = value
        default: throw SQLDecodingError(expected: "date", found: sqlValue)
        }
    }
}

extension Identifier: SQLEncodable, SQLDecodable {
    public var sqlValue: SQLValue { .text(uuidString) }
    public init(sqlValue: SQLValue) throws {
        guard case .text(let text) = sqlValue, let value = Identifier(text) else {
            throw SQLDecodingError(expected: "\(Tag.entityName) identifier", found: sqlValue)
        }
        self = value
    }
}

extension Optional: SQLEncodable where Wrapped: SQLEncodable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public init(sqlValue: SQLValue) throws {
        self = sqlValue.isNull ? nil : try Wrapped(sqlValue: sqlValue)
    }
}

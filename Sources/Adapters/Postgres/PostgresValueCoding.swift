import PortalKernel

/// Converts between ``SQLValue`` and PostgreSQL's text format.
///
/// Parameters go as text, with the server inferring their types from the statement
/// (`integer`/`real` as decimal text, `bool` as `true`/`false`, `timestamp` as
/// ``Instant/iso8601``, `date` as `YYYY-MM-DD`), except blobs, which go in binary format.
/// Results are read in text format and decoded by column type OID; types without a
/// dedicated ``SQLValue`` case (`text`, `uuid`, `numeric`, `json`…) come back as `.text`.
enum PostgresValueCoding {
    /// A parameter ready for libpq: its bytes and whether they are binary.
    struct Parameter {
        var bytes: [UInt8]
        var isBinary: Bool
    }

    /// Column type OIDs the adapter decodes specially.
    enum TypeOID {
        static let bool: UInt32 = 16
        static let bytea: UInt32 = 17
        static let int8: UInt32 = 20
        static let int2: UInt32 = 21
        static let int4: UInt32 = 23
        static let float4: UInt32 = 700
        static let float8: UInt32 = 701
        static let date: UInt32 = 1082
        static let timestamp: UInt32 = 1114
        static let timestamptz: UInt32 = 1184
    }

    /// The wire form of `value`, or `nil` for SQL NULL.
    /// Throws `invalid` for text containing a NUL character, which PostgreSQL cannot store.
    static func parameter(_ value: SQLValue) throws -> Parameter? {
        switch value {
        case .null:
            return nil
        case .integer(let number):
            return Parameter(bytes: Array(String(number).utf8), isBinary: false)
        case .real(let number):
            return Parameter(bytes: Array(realText(number).utf8), isBinary: false)
        case .text(let text):
            let bytes = Array(text.utf8)
            guard !bytes.contains(0) else {
                throw PortalError.invalid("Text must not contain NUL characters.")
            }
            return Parameter(bytes: bytes, isBinary: false)
        case .blob(let bytes):
            return Parameter(bytes: bytes, isBinary: true)
        case .bool(let flag):
            return Parameter(bytes: Array((flag ? "true" : "false").utf8), isBinary: false)
        case .timestamp(let instant):
            return Parameter(bytes: Array(instant.iso8601.utf8), isBinary: false)
        case .date(let date):
            return Parameter(bytes: Array(date.iso8601.utf8), isBinary: false)
        }
    }

    /// A double as PostgreSQL reads it (`NaN`, `Infinity` and `-Infinity` spelled its way).
    static func realText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return "\(number)"
    }

    /// Decodes one non-null text-format column value of type `oid`. Values that do not parse
    /// as their type's case (an `infinity` timestamp, a year beyond 9999) come back as `.text`.
    static func decode(type oid: UInt32, text bytes: UnsafeRawBufferPointer) -> SQLValue {
        let text = String(decoding: bytes, as: UTF8.self)
        switch oid {
        case TypeOID.bool:
            return .bool(bytes.first == UInt8(ascii: "t"))
        case TypeOID.int8, TypeOID.int2, TypeOID.int4:
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case TypeOID.float4, TypeOID.float8:
            return Double(text).map(SQLValue.real) ?? .text(text)
        case TypeOID.timestamptz, TypeOID.timestamp:
            return Instant(iso8601: text).map(SQLValue.timestamp) ?? .text(text)
        case TypeOID.date:
            return LocalDate(iso8601: text).map(SQLValue.date) ?? .text(text)
        case TypeOID.bytea:
            return decodeHex(bytes).map(SQLValue.blob) ?? .text(text)
        default:
            return .text(text)
        }
    }

    /// Decodes bytea hex output (`\x0a1b…`); `nil` when the text is not in that form.
    static func decodeHex(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"),
            bytes.count % 2 == 0
        else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = hexDigit(bytes[index]), let low = hexDigit(bytes[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A typed, time-ordered identifier.
///
/// Each entity declares its own marker so identifiers of different kinds cannot be mixed up:
///
/// ```swift
/// public enum TenantTag: IdentifierTag { public static let entityName = "tenant" }
/// public typealias TenantID = Identifier<TenantTag>
/// let id = TenantID.generate(at: clock.now())
/// ```
///
/// The value is a UUID version 7 (RFC 9562): 48 bits of Unix milliseconds followed by random
/// bits, so identifiers sort by creation time and index well in both databases. It is written
/// as the canonical lowercase 36-character UUID text.
public struct Identifier<Tag: IdentifierTag>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 16 bytes of the UUID.
    public let bytes: UUIDBytes

    public init(bytes: UUIDBytes) { self.bytes = bytes }

    /// Parses a canonical UUID string (any case). Returns `nil` for anything else.
    public init?(_ text: String) {
        guard let bytes = UUIDBytes(text) else { return nil }
        self.bytes = bytes
    }

    /// Parses `text`, throwing `invalid` with `field` when it is not a UUID.
    public init(parsing text: String, field: String) throws {
        guard let value = Identifier(text) else {
            throw PortalError.invalid("'\(text.prefix(64))' is not a valid identifier.", field: field)
        }
        self = value
    }

    /// A new version 7 identifier for `instant`, with random bits from `generator`.
    public static func generate<G: RandomNumberGenerator>(at instant: Instant, using generator: inout G) -> Self {
        Identifier(bytes: UUIDBytes.version7(milliseconds: instant.millisecondsSinceEpoch, using: &generator))
    }

    /// A new version 7 identifier for `instant`, with system randomness.
    public static func generate(at instant: Instant) -> Self {
        var generator = SystemRandomNumberGenerator()
        return generate(at: instant, using: &generator)
    }

    /// The creation time encoded in the identifier, to the millisecond.
    public var timestamp: Instant { Instant(microsecondsSinceEpoch: bytes.version7Milliseconds * 1_000) }

    public var uuidString: String { bytes.uuidString }
    public var description: String { bytes.uuidString }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.bytes < rhs.bytes }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes.uuidString)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Identifier(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a UUID, got \(text)")
        }
        self = value
    }
}

/// Marks the entity an ``Identifier`` belongs to.
public protocol IdentifierTag: Sendable {
    /// A short name for the entity, used in messages and logs (`"tenant"`, `"job"`).
    static var entityName: String { get }
}

/// The 16 bytes of a UUID, ordered bytewise (which is time order for version 7).
public struct UUIDBytes: Sendable, Hashable, Comparable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0, nibbles = 0
        for (index, byte) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == 45 else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 97...102: value = byte - 87
            case 65...70: value = byte - 55
            default: return nil
            }
            if nibbles < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            nibbles += 1
        }
        self.init(high: high, low: low)
    }

    static func version7<G: RandomNumberGenerator>(milliseconds: Int64, using generator: inout G) -> UUIDBytes {
        let millis = UInt64(truncatingIfNeeded: milliseconds) & 0xFFFF_FFFF_FFFF
        let randA = generator.next() & 0x0FFF
        let randB = generator.next() & 0x3FFF_FFFF_FFFF_FFFF
        return UUIDBytes(high: millis << 16 | 0x7000 | randA, low: 0x8000_0000_0000_0000 | randB)
    }

    var version7Milliseconds: Int64 { Int64(high >> 16) }

    /// The UUID version number (7 for identifiers Portal generates).
    public var version: Int { Int((high >> 12) & 0xF) }

    public var uuidString: String {
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { out.append(45) }
            let word = index < 16 ? high : low
            let shift = UInt64(60 - (index % 16) * 4)
            out.append(hex[Int((word >> shift) & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (lhs: UUIDBytes, rhs: UUIDBytes) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

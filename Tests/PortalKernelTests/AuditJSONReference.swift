import Foundation

@testable import PortalKernel

/// The audit trail's JSON handling as it was before it got its own reader and writer, kept
/// verbatim as the reference the equivalence tests compare the new code with.
enum AuditJSONReference {
    /// A ``JSONValue`` decoded with the original `init(from:)`: Bool, Int64, Double, String,
    /// array, object, each tried in turn.
    struct LegacyValue: Decodable {
        let value: JSONValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let integer = try? container.decode(Int64.self) {
                value = .integer(integer)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else if let string = try? container.decode(String.self) {
                value = .string(string)
            } else if let array = try? container.decode([LegacyValue].self) {
                value = .array(array.map(\.value))
            } else {
                value = .object(try container.decode([String: LegacyValue].self).mapValues(\.value))
            }
        }
    }

    /// `AuditChange` decoded with ``LegacyValue``.
    struct LegacyChange: Decodable {
        var before: LegacyValue?
        var after: LegacyValue?

        var change: AuditChange { AuditChange(before: before?.value, after: after?.value) }
    }

    /// What `JSONDecoder().decode(JSONValue.self, from:)` gave.
    static func decode(_ bytes: [UInt8], with decoder: JSONDecoder = JSONDecoder()) throws -> JSONValue {
        try decoder.decode(LegacyValue.self, from: Data(bytes)).value
    }

    /// What `JSONDecoder().decode([String: AuditChange].self, from:)` gave.
    static func decodeChanges(_ text: String) throws -> [String: AuditChange] {
        try JSONDecoder().decode([String: LegacyChange].self, from: Data(text.utf8)).mapValues(\.change)
    }

    /// The original `AuditEntry.diff(before:after:)`.
    static func diff<Value: Encodable>(before: Value?, after: Value?) throws -> [String: AuditChange] {
        let old = try fields(of: before)
        let new = try fields(of: after)
        var changes: [String: AuditChange] = [:]
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            if key == "updated_at" { continue }
            changes[key] = AuditEntry.redacted(key) ? AuditChange(before: old[key].map { _ in .string("[redacted]") }, after: new[key].map { _ in .string("[redacted]") })
                : AuditChange(before: old[key], after: new[key])
        }
        return changes
    }

    private static func fields<Value: Encodable>(of value: Value?) throws -> [String: JSONValue] {
        guard let value else { return [:] }
        let json = try decode(JSONCoding.encode(value))
        guard case .object(let fields) = json else { return ["value": json] }
        return fields
    }

    /// The original `AuditTrail.hash(of:)`.
    static func hash(of event: AuditEvent) throws -> String {
        var content = event
        content.hash = ""
        let canonical = try JSONCoding.encodeToString(content)
        return Digests.sha256Hex(Array((event.previousHash + "\n" + canonical).utf8))
    }
}

/// Strict equality for JSON values: strings by their UTF-8 bytes (not canonical equivalence)
/// and doubles by their bit patterns (so `-0.0` differs from `0.0`).
func identical(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.integer(let a), .integer(let b)): return a == b
    case (.number(let a), .number(let b)): return a.bitPattern == b.bitPattern
    case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
    case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { identical($0, $1) }
    case (.object(let a), .object(let b)):
        return a.count == b.count && a.allSatisfy { key, value in
            guard let index = b.index(forKey: key), b[index].key.utf8.elementsEqual(key.utf8) else { return false }
            return identical(value, b[index].value)
        }
    default: return false
    }
}

/// Strict equality for optional JSON values.
func identical(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil): return true
    case (let a?, let b?): return identical(a, b)
    default: return false
    }
}

/// Strict equality for changes maps.
func identical(_ lhs: [String: AuditChange], _ rhs: [String: AuditChange]) -> Bool {
    lhs.count == rhs.count && lhs.allSatisfy { key, change in
        guard let index = rhs.index(forKey: key), rhs[index].key.utf8.elementsEqual(key.utf8) else { return false }
        return identical(change.before, rhs[index].value.before) && identical(change.after, rhs[index].value.after)
    }
}

import Foundation

/// What a use case asks ``AuditTrail`` to record: the action, the resource and the changes.
public struct AuditEntry: Sendable {
    public var action: String
    public var resourceType: String
    public var resourceId: String
    public var companyId: CompanyID?
    public var changes: [String: AuditChange]

    public init(
        action: String, resourceType: String, resourceId: String, companyId: CompanyID? = nil,
        changes: [String: AuditChange] = [:]
    ) {
        self.action = action
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.companyId = companyId
        self.changes = changes
    }

    /// An entry whose changes are the fields that differ between `before` and `after`, each
    /// encoded with the kernel's JSON conventions; pass `nil` for a creation or a deletion.
    /// Fields whose names suggest a secret are recorded as changed but with `"[redacted]"`.
    public init<Value: Encodable>(
        action: String, resourceType: String, resourceId: String, companyId: CompanyID? = nil,
        before: Value?, after: Value?
    ) throws {
        self.init(
            action: action, resourceType: resourceType, resourceId: resourceId, companyId: companyId,
            changes: try AuditEntry.diff(before: before, after: after))
    }

    /// The changed top-level fields of two values, with secrets redacted.
    public static func diff<Value: Encodable>(before: Value?, after: Value?) throws -> [String: AuditChange] {
        let old = try fields(of: before)
        let new = try fields(of: after)
        var changes: [String: AuditChange] = [:]
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            if key == "updated_at" { continue }
            changes[key] = redacted(key) ? AuditChange(before: old[key].map { _ in .string("[redacted]") }, after: new[key].map { _ in .string("[redacted]") })
                : AuditChange(before: old[key], after: new[key])
        }
        return changes
    }

    /// Whether a field of this name holds a secret that must never be written to the trail.
    public static func redacted(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "secret", "token", "recovery_code", "api_key", "private_key"].contains { lowered.contains($0) }
    }

    private static func fields<Value: Encodable>(of value: Value?) throws -> [String: JSONValue] {
        guard let value else { return [:] }
        // `JSONValue(parsing:)` gives what `JSONDecoder` gives for these bytes, without its
        // type-by-type trial of every value.
        let json = try JSONValue(parsing: JSONCoding.encode(value))
        guard case .object(let fields) = json else { return ["value": json] }
        return fields
    }
}

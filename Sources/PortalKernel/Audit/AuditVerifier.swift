/// Recomputes tenants' audit chains and reports the first link that does not hold.
public enum AuditVerifier {
    /// Checks every event of `tenant` in sequence order, then the chain head. Runs in one
    /// read transaction, so the answer describes one consistent moment.
    public static func verify(tenant: TenantID, on database: any Database) async throws -> AuditVerification {
        try await database.read(.tenant(tenant)) { connection in try verify(tenant: tenant, on: connection) }
    }

    /// Checks every tenant's chain (an operator's check of the whole installation).
    public static func verifyAll(on database: any Database) async throws -> [AuditVerification] {
        try await database.read(.allTenants) { connection in
            let tenants = try connection.query("SELECT id FROM tenants ORDER BY id").map { try $0.get("id", as: TenantID.self) }
            return try tenants.map { try verify(tenant: $0, on: connection) }
        }
    }

    static func verify(tenant: TenantID, on connection: any SQLConnection) throws -> AuditVerification {
        var expectedSequence: Int64 = 1
        var previousHash = AuditTrail.genesisHash(for: tenant)
        var firstBreak: AuditChainBreak?
        try connection.forEachRow(
            "SELECT * FROM audit_events WHERE tenant_id = \(tenant) ORDER BY sequence"
        ) { row in
            guard firstBreak == nil else { return }
            let event = try AuditEvent(row: row)
            if event.sequence != expectedSequence {
                firstBreak = AuditChainBreak(
                    sequence: expectedSequence, eventId: nil,
                    reason: "event \(expectedSequence) is missing (the next one present is \(event.sequence))")
            } else if event.previousHash != previousHash {
                firstBreak = AuditChainBreak(
                    sequence: event.sequence, eventId: event.id,
                    reason: "event \(event.sequence) does not link to the event before it")
            } else if try AuditTrail.hash(of: event) != event.hash {
                firstBreak = AuditChainBreak(
                    sequence: event.sequence, eventId: event.id,
                    reason: "event \(event.sequence) was altered after it was recorded")
            }
            expectedSequence = event.sequence + 1
            previousHash = event.hash
        }
        let checked = expectedSequence - 1
        if firstBreak == nil {
            let head = try connection.queryFirst(
                "SELECT last_sequence, last_hash FROM audit_chain_heads WHERE tenant_id = \(tenant)")
            let headSequence: Int64 = try head?.get("last_sequence") ?? 0
            let headHash: String = try head?.get("last_hash") ?? AuditTrail.genesisHash(for: tenant)
            if headSequence != checked || headHash != previousHash {
                firstBreak = AuditChainBreak(
                    sequence: checked + 1, eventId: nil,
                    reason: "the chain records \(headSequence) events but \(checked) remain: the latest were removed")
            }
        }
        return AuditVerification(tenantId: tenant, eventsChecked: checked, firstBreak: firstBreak)
    }
}

/// The result of checking one tenant's audit chain.
public struct AuditVerification: Sendable, Hashable, Codable {
    public var tenantId: TenantID
    public var eventsChecked: Int64
    /// The first link that does not hold, or `nil` when the chain is intact.
    public var firstBreak: AuditChainBreak?

    public var isIntact: Bool { firstBreak == nil }
}

/// Where and why an audit chain is broken.
public struct AuditChainBreak: Sendable, Hashable, Codable {
    /// The sequence number at which the chain stops holding.
    public var sequence: Int64
    /// The event found there, if one was.
    public var eventId: AuditEventID?
    public var reason: String
}

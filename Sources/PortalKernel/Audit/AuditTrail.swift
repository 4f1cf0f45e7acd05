import Foundation

/// The tenant's append-only, hash-chained record of every state change.
///
/// Use cases call ``record(_:by:at:on:)`` inside the transaction that makes the change, so an
/// event exists exactly when the change does. Each tenant's events are numbered 1, 2, 3 … and
/// each event's ``AuditEvent/hash`` covers its content and the previous event's hash; the
/// `audit_chain_heads` row holds the latest sequence and hash. ``AuditVerifier`` recomputes the
/// chain and reports the first link that does not hold, so an altered, inserted or removed
/// row is detected. (Both databases also refuse `UPDATE` and `DELETE` on `audit_events`.)
public enum AuditTrail {
    /// Appends `entry`, made by `principal` at `instant`, to the principal's tenant chain.
    @discardableResult
    public static func record(_ entry: AuditEntry, by principal: Principal, at instant: Instant, on connection: any SQLConnection) throws -> AuditEvent {
        let (actorType, actorId) = actorColumns(principal.actor)
        return try append(
            entry, tenant: principal.tenantId, actorType: actorType, actorId: actorId, actorLabel: principal.label,
            origin: principal.origin, at: instant, on: connection)
    }

    /// Appends an entry made by nobody signed in (a failed sign-in, an accepted invitation).
    @discardableResult
    public static func recordAnonymous(
        _ entry: AuditEntry, tenant: TenantID, label: String, origin: RequestOrigin, at instant: Instant, on connection: any SQLConnection
    ) throws -> AuditEvent {
        try append(entry, tenant: tenant, actorType: "anonymous", actorId: nil, actorLabel: label, origin: origin, at: instant, on: connection)
    }

    /// The hash a tenant's chain starts from.
    public static func genesisHash(for tenant: TenantID) -> String {
        Digests.sha256Hex(Array("portal-audit-chain:\(tenant.uuidString)".utf8))
    }

    /// The hash of an event: SHA-256 over the previous hash, a line feed and the event's
    /// canonical JSON (the event with an empty `hash`, as `JSONCoding.encode` writes it).
    public static func hash(of event: AuditEvent) throws -> String {
        try hash(of: event, changesJSON: nil)
    }

    /// ``hash(of:)`` with the event's changes already written by ``AuditEvent/canonicalJSON(of:)``.
    static func hash(of event: AuditEvent, changesJSON: [UInt8]?) throws -> String {
        let canonical = try event.canonicalContentJSON(changesJSON: changesJSON)
        var input: [UInt8] = []
        input.reserveCapacity(event.previousHash.utf8.count + 1 + canonical.count)
        input.append(contentsOf: event.previousHash.utf8)
        input.append(UInt8(ascii: "\n"))
        input.append(contentsOf: canonical)
        return Digests.sha256Hex(input)
    }

    private static func append(
        _ entry: AuditEntry, tenant: TenantID, actorType: String, actorId: String?, actorLabel: String,
        origin: RequestOrigin, at instant: Instant, on connection: any SQLConnection
    ) throws -> AuditEvent {
        // Taking the next sequence locks the tenant's head row until the transaction ends, so
        // concurrent writers of one tenant append one after the other.
        guard
            let head = try connection.queryFirst(
                """
                INSERT INTO audit_chain_heads (tenant_id, last_sequence, last_hash) VALUES (\(tenant), 1, \(genesisHash(for: tenant)))
                ON CONFLICT (tenant_id) DO UPDATE SET last_sequence = audit_chain_heads.last_sequence + 1
                RETURNING last_sequence, last_hash
                """)
        else { throw PortalError.internal(debugDetail: "audit chain head upsert returned no row") }
        var event = AuditEvent(
            id: AuditEventID.generate(at: instant), tenantId: tenant, sequence: try head.get("last_sequence"),
            occurredAt: instant, actorType: actorType, actorId: actorId, actorLabel: actorLabel, action: entry.action,
            resourceType: entry.resourceType, resourceId: entry.resourceId, companyId: entry.companyId,
            ipAddress: origin.address, requestId: origin.requestId, changes: entry.changes,
            previousHash: try head.get("last_hash"), hash: "")
        // The changes are written once, for the hash and for the row.
        let changesJSON = AuditEvent.canonicalJSON(of: entry.changes)
        event.hash = try hash(of: event, changesJSON: changesJSON)
        let changesText = try changesJSON.map { String(decoding: $0, as: UTF8.self) } ?? JSONCoding.encodeToString(entry.changes)
        try connection.execute(
            "UPDATE audit_chain_heads SET last_hash = \(event.hash) WHERE tenant_id = \(tenant)")
        try connection.execute(
            """
            INSERT INTO audit_events (id, tenant_id, sequence, occurred_at, actor_type, actor_id, actor_label, action,
                resource_type, resource_id, company_id, ip_address, request_id, changes, previous_hash, hash)
            VALUES (\(event.id), \(tenant), \(event.sequence), \(instant), \(actorType), \(actorId), \(actorLabel),
                \(entry.action), \(entry.resourceType), \(entry.resourceId), \(entry.companyId), \(origin.address),
                \(origin.requestId), \(changesText), \(event.previousHash), \(event.hash))
            """)
        return event
    }

    private static func actorColumns(_ actor: Principal.Actor) -> (String, String?) {
        switch actor {
        case .user(let id, _, _, _): ("user", id.uuidString)
        case .operator(let name): ("operator", name)
        case .system(let name): ("system", name)
        }
    }
}

extension AuditEvent {
    /// Reads an event from an `audit_events` row.
    init(row: SQLRow) throws {
        let changesText: String = try row.get("changes")
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), sequence: try row.get("sequence"),
            occurredAt: try row.get("occurred_at"), actorType: try row.get("actor_type"), actorId: try row.get("actor_id"),
            actorLabel: try row.get("actor_label"), action: try row.get("action"), resourceType: try row.get("resource_type"),
            resourceId: try row.get("resource_id"), companyId: try row.get("company_id"), ipAddress: try row.get("ip_address"),
            requestId: try row.get("request_id"),
            changes: try AuditChange.decodeMap(fromJSON: changesText),
            previousHash: try row.get("previous_hash"), hash: try row.get("hash"))
    }
}

/// The notification outbox: events that people should hear about (an invoice issued, a payment
/// reminder, a contract signed), written in the transaction that causes them and delivered later
/// (in-app and by email). Each event has a deduplication key, so one happening is recorded once
/// however often the code that notices it runs.
public enum NotificationEvents {
    /// Records an event unless one with the same `dedupeKey` exists; returns whether it was new.
    @discardableResult
    public static func record<Payload: Encodable>(
        kind: String, tenant: TenantID, companyId: CompanyID?, subjectType: String, subjectId: String,
        payload: Payload, dedupeKey: String, at now: Instant, on connection: any SQLConnection
    ) throws -> Bool {
        let inserted = try connection.execute(
            """
            INSERT INTO notification_events (id, tenant_id, kind, company_id, subject_type, subject_id, payload, dedupe_key,
                created_at)
            VALUES (\(Identifier<NotificationEventTag>.generate(at: now)), \(tenant), \(kind), \(companyId), \(subjectType),
                \(subjectId), \(try JSONCoding.encodeToString(payload)), \(dedupeKey), \(now))
            ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
            """)
        return inserted > 0
    }

    /// The events recorded for `tenant`, oldest first (for delivery and for tests).
    public static func list(tenant: TenantID, kind: String? = nil, on connection: any SQLConnection) throws -> [NotificationEvent] {
        var statement: SQLStatement = "SELECT * FROM notification_events WHERE tenant_id = \(tenant)"
        if let kind { statement.append(" AND kind = \(kind)") }
        statement.append(" ORDER BY created_at, id")
        return try connection.query(statement).map { row in
            NotificationEvent(
                id: try row.get("id"), kind: try row.get("kind"), companyId: try row.get("company_id"),
                subjectType: try row.get("subject_type"), subjectId: try row.get("subject_id"),
                payload: try JSONCoding.decode(JSONValue.self, from: try row.get("payload", as: String.self)),
                deliveredAt: try row.get("delivered_at"), createdAt: try row.get("created_at"))
        }
    }
}

/// Marks notification event ids.
public enum NotificationEventTag: IdentifierTag { public static let entityName = "notification_event" }

/// One recorded notification event.
public struct NotificationEvent: Sendable, Hashable, Codable {
    public var id: Identifier<NotificationEventTag>
    /// What happened: `invoice_issued`, `invoice_reminder`, `payment_received` …
    public var kind: String
    public var companyId: CompanyID?
    public var subjectType: String
    public var subjectId: String
    public var payload: JSONValue
    public var deliveredAt: Instant?
    public var createdAt: Instant
}

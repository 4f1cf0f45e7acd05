/// Gap-free, per-tenant counters for document numbers (`INV-2026-11-00042`, `CT-2026-00017`).
///
/// A number is taken with ``next(_:tenant:period:on:)`` inside the transaction that writes the
/// document it numbers: if that transaction rolls back, the number is given back with it, so the
/// issued numbers of a sequence and period have no gaps and no duplicates, whatever the number of
/// concurrent writers. (On PostgreSQL the counter row stays locked until the transaction ends, so
/// keep numbering transactions short; on SQLite writers are serialised anyway.)
///
/// ```swift
/// let number = try await database.write { connection in
///     let value = try NumberSequence.next("invoice", tenant: tenantID, period: "2026-11", on: connection)
///     let text = NumberFormat("INV-{period}-{n:5}").format(value, period: "2026-11")   // INV-2026-11-00042
///     try connection.execute("UPDATE invoices SET number = \(text) WHERE id = \(invoiceID)")
///     return text
/// }
/// ```
public enum NumberSequence {
    /// Takes the next value (1, 2, 3 …) of sequence `name` for `tenant` in `period` (any label:
    /// `"2026-11"` for monthly numbering, `"2026"` for yearly, `""` for never-resetting).
    public static func next(_ name: String, tenant: TenantID, period: String, on connection: any SQLConnection) throws -> Int64 {
        try validate(name: name, period: period)
        guard
            let value = try connection.queryScalar(
                """
                INSERT INTO number_sequences (tenant_id, name, period, last_value) VALUES (\(tenant), \(name), \(period), 1)
                ON CONFLICT (tenant_id, name, period) DO UPDATE SET last_value = number_sequences.last_value + 1
                RETURNING last_value
                """, as: Int64.self)
        else {
            throw PortalError.internal(debugDetail: "number sequence upsert returned no row")
        }
        return value
    }

    /// The last value issued, or 0 when none was.
    public static func current(_ name: String, tenant: TenantID, period: String, on connection: any SQLConnection) throws -> Int64 {
        try validate(name: name, period: period)
        return try connection.queryScalar(
            "SELECT last_value FROM number_sequences WHERE tenant_id = \(tenant) AND name = \(name) AND period = \(period)",
            as: Int64.self) ?? 0
    }

    private static func validate(name: String, period: String) throws {
        guard !name.isEmpty, name.utf8.count <= 64 else {
            throw PortalError.invalid("A sequence name is 1 to 64 characters.", field: "sequence")
        }
        guard period.utf8.count <= 32 else {
            throw PortalError.invalid("A sequence period is at most 32 characters.", field: "period")
        }
    }
}

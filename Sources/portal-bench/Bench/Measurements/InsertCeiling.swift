import Foundation
import PortalKernel

/// The ceiling a billing run is compared with: how fast the database takes the same invoice and
/// invoice-line rows when nothing else happens, in one transaction, through the adapter's
/// prepared-statement cache (the same SQL text each time). The rows are copies of invoices the
/// run created, with new ids, numbers and source keys; the transaction is rolled back, so the
/// data set is unchanged.
public enum InsertCeiling {
    /// Invoices (with their lines) per second for `invoices` copies.
    public static func measure(invoices count: Int, tenant: TenantID, database: any Database) async throws -> Double {
        let scope = TransactionOptions(tenantScope: tenant.uuidString, maxRetries: 0)
        let templates = try await database.read(scope) { connection in
            let invoices = try connection.query(
                "SELECT * FROM invoices WHERE tenant_id = \(tenant) AND number IS NOT NULL ORDER BY id LIMIT 500")
            var lines: [String: [SQLRow]] = [:]
            try connection.forEachRow(
                """
                SELECT invoice_lines.* FROM invoice_lines
                WHERE tenant_id = \(tenant) AND invoice_id IN (\(list: try invoices.map { try $0.get("id", as: String.self) }))
                """
            ) { row in lines[try row.get("invoice_id"), default: []].append(row) }
            return try invoices.map { invoice in (invoice, lines[try invoice.get("id", as: String.self)] ?? []) }
        }
        guard !templates.isEmpty else { throw PortalError.unavailable("No invoice to copy for the insert ceiling.") }
        let elapsed = ElapsedBox()
        do {
            try await database.write(scope) { connection in
                let clock = ContinuousClock()
                let started = clock.now
                for index in 0..<count {
                    let (invoice, lines) = templates[index % templates.count]
                    let id = UUID().uuidString.lowercased()
                    try connection.execute(insert(invoice, into: "invoices", replacing: [
                        "id": .text(id), "number": .text("CEILING-\(index)"), "source_key": .text("ceiling:\(index)"),
                    ]))
                    for line in lines {
                        try connection.execute(insert(line, into: "invoice_lines", replacing: [
                            "id": .text(UUID().uuidString.lowercased()), "invoice_id": .text(id),
                        ]))
                    }
                }
                elapsed.set((clock.now - started).seconds)
                throw RollBack()
            }
        } catch {
            // The adapter may wrap the roll-back signal; only a failure before the end counts.
            guard elapsed.value > 0 else { throw error }
        }
        let seconds = elapsed.value
        return seconds > 0 ? Double(count) / seconds : 0
    }

    /// `INSERT INTO table (columns) VALUES (…)` with `row`'s values, some replaced.
    static func insert(_ row: SQLRow, into table: String, replacing: [String: SQLValue]) -> SQLStatement {
        var statement = SQLStatement(sql: "INSERT INTO \(table) (\(row.columns.names.joined(separator: ", "))) VALUES (")
        for (index, name) in row.columns.names.enumerated() {
            let value = replacing[name] ?? row.values[index]
            statement.append(index == 0 ? "\(value: value)" : ", \(value: value)")
        }
        statement.append(")")
        return statement
    }

    private struct RollBack: Error {}

    private final class ElapsedBox: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds = 0.0
        var value: Double { lock.withLock { seconds } }
        func set(_ value: Double) { lock.withLock { seconds = value } }
    }
}

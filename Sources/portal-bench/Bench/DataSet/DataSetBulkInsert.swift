import PortalKernel

/// Rows for one table, turned into multi-row `INSERT … VALUES (…), (…)` statements whose
/// values are all bound parameters (the kernel's own SQL encodings), so the same text runs on
/// SQLite and PostgreSQL.
///
/// Statements hold at most ``maximumParameters`` parameters (well under SQLite's and
/// PostgreSQL's limits), and every statement but the last of a batch has the same text, so each
/// connection prepares it once.
///
/// ```swift
/// var rows = DataSetBulkInsert(table: "proposal_phases", columns: ["id", "tenant_id", …])
/// rows.append([id.sqlValue, tenant.sqlValue, …])
/// try await database.insertSeedRows(rows.statements(), tenant: tenant)   // one transaction
/// ```
struct DataSetBulkInsert: Sendable {
    /// The most parameters one statement binds.
    static let maximumParameters = 4_000

    let table: String
    let columns: [String]
    private(set) var rows: [[SQLValue]] = []

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    var isEmpty: Bool { rows.isEmpty }
    var count: Int { rows.count }

    /// Adds one row; its values are in ``columns`` order.
    mutating func append(_ row: [SQLValue]) {
        precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
        rows.append(row)
    }

    /// The statements inserting every row, in order.
    func statements() -> [SQLStatement] {
        let perStatement = max(1, Self.maximumParameters / columns.count)
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        return stride(from: 0, to: rows.count, by: perStatement).map { start in
            let slice = rows[start..<min(start + perStatement, rows.count)]
            let values = slice.count * columns.count
            var sql = SQLStatement.StringInterpolation(
                literalCapacity: head.utf8.count + values * 4, interpolationCount: values)
            sql.appendLiteral(head)
            for (index, row) in slice.enumerated() {
                sql.appendLiteral(index == 0 ? "(" : ", (")
                for (column, value) in row.enumerated() {
                    if column > 0 { sql.appendLiteral(", ") }
                    sql.appendInterpolation(value: value)
                }
                sql.appendLiteral(")")
            }
            return SQLStatement(stringInterpolation: sql)
        }
    }
}

extension Database {
    /// Runs `statements` in one write transaction scoped to `tenant` (PostgreSQL's row-level
    /// security accepts only that tenant's rows).
    func insertSeedRows(_ statements: [SQLStatement], tenant: TenantID) async throws {
        guard !statements.isEmpty else { return }
        try await write(.tenant(tenant)) { connection in
            for statement in statements { try connection.execute(statement) }
        }
    }
}

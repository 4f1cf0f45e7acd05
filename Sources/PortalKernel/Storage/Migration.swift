/// One forward-only schema change, written for each dialect.
///
/// Migrations are identified by a sortable string (`"0001_jobs"`), applied in that order,
/// each in its own write transaction, and recorded with a checksum of the SQL that ran so a
/// migration edited after release is detected instead of silently diverging. They are raw SQL
/// and never refer to domain types, so old migrations keep meaning what they meant.
public struct Migration: Sendable, Hashable, Identifiable {
    /// Sortable and unique: `"0001_jobs"`.
    public let id: String
    /// The SQL for SQLite (several statements allowed).
    public let sqlite: String
    /// The SQL for PostgreSQL (several statements allowed).
    public let postgres: String

    public init(id: String, sqlite: String, postgres: String) {
        self.id = id
        self.sqlite = sqlite
        self.postgres = postgres
    }

    /// A migration whose SQL is the same for both dialects.
    public init(id: String, portable sql: String) {
        self.init(id: id, sqlite: sql, postgres: sql)
    }

    /// The SQL to run on `dialect`.
    public func sql(for dialect: SQLDialect) -> String {
        dialect == .postgres ? postgres : sqlite
    }

    /// SHA-256 (hex) of the SQL for `dialect`, stored when the migration is applied.
    public func checksum(for dialect: SQLDialect) -> String {
        Digests.sha256Hex(Array(sql(for: dialect).utf8))
    }
}

/// A migration as recorded in the database.
public struct AppliedMigration: Sendable, Hashable, Codable {
    public let id: String
    public let checksum: String
    public let appliedAt: Instant
}

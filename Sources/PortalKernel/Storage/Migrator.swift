/// Applies ``Migration``s to a ``Database`` and reports what is applied.
///
/// Safe to run from several processes at once: on PostgreSQL each migration transaction first
/// takes an advisory lock and re-checks what is applied; on SQLite write transactions are
/// already serialised. A database that has migrations this build does not know (it was
/// migrated by a newer version) or whose recorded checksum differs from the code is refused
/// with `conflict`, because running against it would be guesswork.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    private let clock: any WallClock

    public init(migrations: [Migration], clock: any WallClock) {
        precondition(
            Set(migrations.map(\.id)).count == migrations.count, "migration ids must be unique")
        precondition(migrations.map(\.id) == migrations.map(\.id).sorted(), "migrations must be listed in id order")
        self.migrations = migrations
        self.clock = clock
    }

    /// Applies every pending migration in order; returns the ids applied by this call.
    @discardableResult
    public func migrate(_ database: any Database) async throws -> [String] {
        try await ensureLedger(database)
        var applied: [String] = []
        for migration in migrations {
            let ran = try await apply(migration, to: database)
            if ran { applied.append(migration.id) }
        }
        return applied
    }

    /// Migrations recorded in the database, in id order. Empty when none ever ran.
    /// Read-only: safe for readiness probes while another process migrates.
    public func applied(on database: any Database) async throws -> [AppliedMigration] {
        let exists = SQLStatement(sql: database.dialect.tableExistsQuery, bindings: [.text("schema_migrations")])
        return try await database.read { connection in
            guard try connection.queryFirst(exists) != nil else { return [] }
            return try Self.readLedger(connection)
        }
    }

    /// Migrations this build knows that the database has not applied yet.
    public func pending(on database: any Database) async throws -> [Migration] {
        try await status(on: database).pending
    }

    /// What is applied, what is pending, and what the database has that this build does not know.
    public func status(on database: any Database) async throws -> MigrationStatus {
        let applied = try await applied(on: database)
        let done = Set(applied.map(\.id)), known = Set(migrations.map(\.id))
        return MigrationStatus(
            applied: applied, pending: migrations.filter { !done.contains($0.id) },
            unknown: applied.map(\.id).filter { !known.contains($0) })
    }

    private func ensureLedger(_ database: any Database) async throws {
        let dialect = database.dialect
        try await database.write { connection in
            if let lock = dialect.migrationLockStatement { try connection.execute(SQLStatement(sql: lock)) }
            let type = dialect == .postgres ? "TIMESTAMPTZ" : "TEXT"
            try connection.executeScript(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id TEXT PRIMARY KEY,
                    checksum TEXT NOT NULL,
                    applied_at \(type) NOT NULL
                )
                """)
        }
    }

    private func apply(_ migration: Migration, to database: any Database) async throws -> Bool {
        let dialect = database.dialect
        let known = Set(migrations.map(\.id))
        let now = clock.now()
        return try await database.write { connection in
            if let lock = dialect.migrationLockStatement { try connection.execute(SQLStatement(sql: lock)) }
            let ledger = try Self.readLedger(connection)
            if let unknown = ledger.first(where: { !known.contains($0.id) }) {
                throw PortalError(
                    .conflict,
                    "The database has migration '\(unknown.id)', which this version does not know; it was migrated by a newer Portal.")
            }
            let checksum = migration.checksum(for: dialect)
            if let recorded = ledger.first(where: { $0.id == migration.id }) {
                guard recorded.checksum == checksum else {
                    throw PortalError(
                        .conflict,
                        "Migration '\(migration.id)' was changed after it was applied; add a new migration instead.")
                }
                return false
            }
            try connection.executeScript(migration.sql(for: dialect))
            try connection.execute(
                "INSERT INTO schema_migrations (id, checksum, applied_at) VALUES (\(migration.id), \(checksum), \(now))")
            return true
        }
    }

    private static func readLedger(_ connection: any SQLConnection) throws -> [AppliedMigration] {
        try connection.query("SELECT id, checksum, applied_at FROM schema_migrations ORDER BY id").map { row in
            AppliedMigration(id: try row.get("id"), checksum: try row.get("checksum"), appliedAt: try row.get("applied_at"))
        }
    }
}

/// Where a database stands against a build's migrations.
public struct MigrationStatus: Sendable {
    public let applied: [AppliedMigration]
    public let pending: [Migration]
    /// Applied migrations this build does not know: the database was migrated by a newer version.
    public let unknown: [String]

    /// Whether this build can serve the database as it is.
    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }
}

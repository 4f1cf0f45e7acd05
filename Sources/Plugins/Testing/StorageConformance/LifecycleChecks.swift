import PortalKernel

extension StorageConformance {
    /// `ping`, and `close` making later calls fail with `unavailable`.
    static var lifecycleChecks: [StorageCheck] {
        [
            StorageCheck(name: "ping answers", run: pingAnswers),
            StorageCheck(name: "close makes later calls unavailable", run: closeMakesCallsUnavailable),
        ]
    }

    @Sendable static func pingAnswers(_ database: any Database) async throws {
        try await database.ping()
        try await database.createTables("CREATE TABLE conf_ping (id TEXT PRIMARY KEY);")
        try await database.ping()
    }

    @Sendable static func closeMakesCallsUnavailable(_ database: any Database) async throws {
        try await database.createTables("CREATE TABLE conf_closing (id TEXT PRIMARY KEY);")
        _ = try await database.write { connection in
            try connection.execute("INSERT INTO conf_closing (id) VALUES (\("before"))")
        }
        await database.close()

        try await expectPortalError(.unavailable, "read after close") {
            _ = try await database.read { connection in try connection.query("SELECT id FROM conf_closing") }
        }
        try await expectPortalError(.unavailable, "write after close") {
            _ = try await database.write { connection in
                try connection.execute("INSERT INTO conf_closing (id) VALUES (\("after"))")
            }
        }
        try await expectPortalError(.unavailable, "ping after close") {
            try await database.ping()
        }
        await database.close()
    }
}

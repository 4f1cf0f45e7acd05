import PortalKernel

extension StorageConformance {
    /// Rollback, errors passing through unchanged, failed transactions, read-only snapshots.
    static var transactionChecks: [StorageCheck] {
        [
            StorageCheck(name: "rollback when the body throws", run: rollbackWhenBodyThrows),
            StorageCheck(name: "failed transaction keeps committed data", run: failedTransactionKeepsCommittedData),
            StorageCheck(name: "read refuses writes", run: readRefusesWrites),
        ]
    }

    @Sendable static func rollbackWhenBodyThrows(_ database: any Database) async throws {
        try await database.createTables("CREATE TABLE conf_rollback (id TEXT PRIMARY KEY, label TEXT NOT NULL);")

        do {
            _ = try await database.write { connection in
                try connection.execute("INSERT INTO conf_rollback (id, label) VALUES (\("r1"), \("doomed"))")
                throw ConformanceBodyError(token: 42)
            }
            throw ConformanceFailure("write returned although its body threw")
        } catch let error as ConformanceBodyError {
            try conformanceExpect(error == ConformanceBodyError(token: 42), "the body's error came back changed: \(error)")
        }
        try conformanceExpect(try await database.count("conf_rollback") == 0, "a row written before the throw persisted")

        let thrown = PortalError(.notFound, "No such note.", field: "noteID", constraint: nil, debugDetail: "detail")
        do {
            _ = try await database.write { connection in
                try connection.execute("INSERT INTO conf_rollback (id, label) VALUES (\("r2"), \("doomed"))")
                throw thrown
            }
            throw ConformanceFailure("write returned although its body threw a PortalError")
        } catch let error as PortalError {
            try conformanceExpect(error == thrown, "the body's PortalError came back changed: \(error)")
        }

        do {
            _ = try await database.read { connection in
                _ = try connection.query("SELECT id FROM conf_rollback")
                throw ConformanceBodyError(token: 7)
            }
            throw ConformanceFailure("read returned although its body threw")
        } catch let error as ConformanceBodyError {
            try conformanceExpect(error.token == 7, "the read body's error came back changed: \(error)")
        }

        // Many failed transactions in a row must not leave a connection inside a transaction.
        for attempt in 0..<20 {
            do {
                _ = try await database.write { connection in
                    try connection.execute(
                        "INSERT INTO conf_rollback (id, label) VALUES (\("loop-\(attempt)"), \("doomed"))")
                    throw ConformanceBodyError(token: attempt)
                }
            } catch let error as ConformanceBodyError {
                try conformanceExpect(error.token == attempt, "attempt \(attempt) came back as \(error.token)")
            }
        }
        try conformanceExpect(try await database.count("conf_rollback") == 0, "a rolled-back row persisted")

        _ = try await database.write { connection in
            try connection.execute("INSERT INTO conf_rollback (id, label) VALUES (\("kept"), \("committed"))")
        }
        let kept = try await database.read { connection in
            try connection.query("SELECT id FROM conf_rollback").map { try $0.get("id", as: String.self) }
        }
        try conformanceExpect(kept == ["kept"], "after the rollbacks the table holds \(kept), expected [kept]")
    }

    @Sendable static func failedTransactionKeepsCommittedData(_ database: any Database) async throws {
        try await database.createTables(
            "CREATE TABLE conf_accounts_kept (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, balance \(ConformanceSchema(database).bigint) NOT NULL);")
        _ = try await database.write { connection in
            try connection.execute(
                "INSERT INTO conf_accounts_kept (id, email, balance) VALUES (\("a"), \("a@example.com"), \(Int64(100)))")
        }

        try await expectPortalError(.conflict, "a duplicate email in the second statement") {
            _ = try await database.write { connection in
                try connection.execute(
                    "UPDATE conf_accounts_kept SET balance = \(Int64(0)) WHERE id = \("a")")
                try connection.execute(
                    "INSERT INTO conf_accounts_kept (id, email, balance) VALUES (\("b"), \("b@example.com"), \(Int64(5)))")
                try connection.execute(
                    "INSERT INTO conf_accounts_kept (id, email, balance) VALUES (\("c"), \("a@example.com"), \(Int64(5)))")
            }
        }

        let rows = try await database.read { connection in
            try connection.query("SELECT id, balance FROM conf_accounts_kept ORDER BY id").map {
                "\(try $0.get("id", as: String.self))=\(try $0.get("balance", as: Int64.self))"
            }
        }
        try conformanceExpect(rows == ["a=100"], "after the failed transaction the table holds \(rows), expected [a=100]")

        _ = try await database.write { connection in
            try connection.execute(
                "INSERT INTO conf_accounts_kept (id, email, balance) VALUES (\("b"), \("b@example.com"), \(Int64(5)))")
        }
        try conformanceExpect(try await database.count("conf_accounts_kept") == 2, "a write after the failure did not commit")
    }

    @Sendable static func readRefusesWrites(_ database: any Database) async throws {
        try await database.createTables("CREATE TABLE conf_read_only (id TEXT PRIMARY KEY);")
        var refused = false
        do {
            _ = try await database.read { connection in
                try connection.execute("INSERT INTO conf_read_only (id) VALUES (\("sneaky"))")
            }
        } catch {
            refused = true
        }
        try conformanceExpect(refused, "an INSERT inside read(_:) succeeded")
        try conformanceExpect(try await database.count("conf_read_only") == 0, "an INSERT inside read(_:) persisted")
    }
}

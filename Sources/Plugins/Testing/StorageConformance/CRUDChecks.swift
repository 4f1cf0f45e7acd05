import PortalKernel

extension StorageConformance {
    /// Insert, select, update and delete with `RETURNING`; commits; the query helpers.
    static var crudChecks: [StorageCheck] {
        [
            StorageCheck(name: "crud with returning", run: crudWithReturning),
            StorageCheck(name: "commit makes writes visible", run: commitMakesWritesVisible),
            StorageCheck(name: "queryScalar and queryFirst", run: queryHelpers),
            StorageCheck(name: "executeScript runs several statements", run: executeScriptRunsSeveral),
        ]
    }

    @Sendable static func crudWithReturning(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            """
            CREATE TABLE conf_notes (
                id \(schema.identity),
                title TEXT NOT NULL,
                body TEXT,
                revision \(schema.bigint) NOT NULL DEFAULT 1
            );
            """)

        let (first, second) = try await database.write { connection in
            let first = try connection.queryScalar(
                "INSERT INTO conf_notes (title, body) VALUES (\("first"), \("hello")) RETURNING id", as: Int64.self)
            let second = try connection.queryScalar(
                "INSERT INTO conf_notes (title, body) VALUES (\("second"), \("world")) RETURNING id", as: Int64.self)
            return (first, second)
        }
        guard let first, let second else { throw ConformanceFailure("INSERT … RETURNING id returned no row") }
        try conformanceExpect(first != second, "two inserts returned the same id \(first)")

        let row = try await database.read { connection in
            try connection.queryFirst("SELECT id, title, body, revision FROM conf_notes WHERE id = \(first)")
        }
        guard let row else { throw ConformanceFailure("the inserted row \(first) was not found") }
        try conformanceExpect(row.columns.names == ["id", "title", "body", "revision"], "columns were \(row.columns.names)")
        try conformanceExpect(try row.get("id", as: Int64.self) == first, "id read back differently")
        try conformanceExpect(try row.get("title", as: String.self) == "first", "title read back differently")
        try conformanceExpect(try row.get("body", as: String?.self) == "hello", "body read back differently")
        try conformanceExpect(try row.get("revision", as: Int.self) == 1, "the column default was not applied")

        let updated = try await database.write { connection in
            try connection.query(
                "UPDATE conf_notes SET title = \("renamed"), revision = revision + 1 WHERE id = \(first) RETURNING id, title, revision")
        }
        try conformanceExpect(updated.count == 1, "UPDATE … RETURNING returned \(updated.count) rows, expected 1")
        try conformanceExpect(try updated[0].get("title", as: String.self) == "renamed", "UPDATE … RETURNING title")
        try conformanceExpect(try updated[0].get("revision", as: Int64.self) == 2, "UPDATE … RETURNING revision")

        let (changedBoth, changedNone) = try await database.write { connection in
            let both = try connection.execute(
                "UPDATE conf_notes SET body = \(String?.none) WHERE id IN (\(list: [first, second]))")
            let none = try connection.execute("UPDATE conf_notes SET body = \("x") WHERE id = \(Int64(-1))")
            return (both, none)
        }
        try conformanceExpect(changedBoth == 2, "execute(UPDATE) reported \(changedBoth) changed rows, expected 2")
        try conformanceExpect(changedNone == 0, "execute(UPDATE matching nothing) reported \(changedNone), expected 0")

        let deleted = try await database.write { connection in
            try connection.query("DELETE FROM conf_notes WHERE id = \(second) RETURNING title, body")
        }
        try conformanceExpect(deleted.count == 1, "DELETE … RETURNING returned \(deleted.count) rows, expected 1")
        try conformanceExpect(try deleted[0].get("title", as: String.self) == "second", "DELETE … RETURNING title")
        try conformanceExpect(try deleted[0].get("body", as: String?.self) == nil, "the NULL set by UPDATE read back as a value")

        let remaining = try await database.read { connection in
            try connection.query("SELECT title FROM conf_notes").map { try $0.get("title", as: String.self) }
        }
        try conformanceExpect(remaining == ["renamed"], "rows left after the delete: \(remaining)")
        let deletedAll = try await database.write { connection in try connection.execute("DELETE FROM conf_notes") }
        try conformanceExpect(deletedAll == 1, "execute(DELETE) reported \(deletedAll) rows, expected 1")
    }

    @Sendable static func commitMakesWritesVisible(_ database: any Database) async throws {
        try await database.createTables("CREATE TABLE conf_commits (id TEXT PRIMARY KEY, label TEXT NOT NULL);")
        let seenInside = try await database.write { connection in
            try connection.execute("INSERT INTO conf_commits (id, label) VALUES (\("a"), \("one"))")
            try connection.execute("INSERT INTO conf_commits (id, label) VALUES (\("b"), \("two"))")
            return try connection.queryScalar("SELECT COUNT(*) FROM conf_commits", as: Int.self)
        }
        try conformanceExpect(seenInside == 2, "a transaction saw \(seenInside ?? -1) of its own 2 rows")
        for attempt in 1...3 {
            let count = try await database.count("conf_commits")
            try conformanceExpect(count == 2, "read \(attempt) after commit saw \(count) rows, expected 2")
        }
        let label = try await database.read { connection in
            try connection.queryScalar("SELECT label FROM conf_commits WHERE id = \("b")", as: String.self)
        }
        try conformanceExpect(label == "two", "committed value read back as \(label ?? "nil")")
    }

    @Sendable static func queryHelpers(_ database: any Database) async throws {
        try await database.createTables(
            "CREATE TABLE conf_helpers (id TEXT PRIMARY KEY, sort_order \(ConformanceSchema(database).bigint) NOT NULL, note TEXT);")
        let empty = try await database.read { connection in
            (
                try connection.queryFirst("SELECT id FROM conf_helpers") == nil,
                try connection.queryScalar("SELECT id FROM conf_helpers", as: String.self) == nil,
                try connection.queryScalar("SELECT COUNT(*) FROM conf_helpers", as: Int.self),
                try connection.query("SELECT id FROM conf_helpers").isEmpty
            )
        }
        try conformanceExpect(empty.0, "queryFirst on an empty table returned a row")
        try conformanceExpect(empty.1, "queryScalar on an empty table returned a value")
        try conformanceExpect(empty.2 == 0, "COUNT(*) of an empty table was \(empty.2.map(String.init) ?? "nil")")
        try conformanceExpect(empty.3, "query on an empty table returned rows")

        _ = try await database.write { connection in
            try connection.execute(
                "INSERT INTO conf_helpers (id, sort_order, note) VALUES (\("c"), \(3), \("third")), (\("a"), \(1), \(String?.none)), (\("b"), \(2), \("second"))")
        }
        let (firstID, firstRank, total, missingNote, presentNote, byIndex) = try await database.read { connection in
            let first = try connection.queryFirst("SELECT id, sort_order FROM conf_helpers ORDER BY sort_order")
            return (
                try first?.get("id", as: String.self),
                try first?.get(at: 1, as: Int.self),
                try connection.queryScalar("SELECT COUNT(*) AS total FROM conf_helpers", as: Int64.self),
                try connection.queryScalar("SELECT note FROM conf_helpers WHERE id = \("a")", as: String?.self),
                try connection.queryScalar("SELECT note FROM conf_helpers WHERE id = \("b")", as: String?.self),
                try connection.queryFirst("SELECT COUNT(*) AS total FROM conf_helpers")?.get("total", as: Int.self)
            )
        }
        try conformanceExpect(firstID == "a" && firstRank == 1, "queryFirst with ORDER BY returned \(firstID ?? "nil")")
        try conformanceExpect(total == 3, "queryScalar(COUNT(*)) returned \(total.map(String.init) ?? "nil")")
        try conformanceExpect(byIndex == 3, "a column alias could not be read by name")
        try conformanceExpect(missingNote == .some(nil), "a NULL scalar did not decode as nil in an optional")
        try conformanceExpect(presentNote == .some("second"), "queryScalar as String? returned \(String(describing: presentNote))")
    }

    @Sendable static func executeScriptRunsSeveral(_ database: any Database) async throws {
        _ = try await database.write { connection in
            try connection.executeScript(
                """
                CREATE TABLE conf_script_a (id TEXT PRIMARY KEY);
                CREATE TABLE conf_script_b (id TEXT PRIMARY KEY, a_id TEXT NOT NULL REFERENCES conf_script_a (id));
                INSERT INTO conf_script_a (id) VALUES ('one');
                INSERT INTO conf_script_a (id) VALUES ('two');
                INSERT INTO conf_script_b (id, a_id) VALUES ('x', 'two');
                """)
        }
        let countA = try await database.count("conf_script_a")
        let countB = try await database.count("conf_script_b")
        try conformanceExpect(countA == 2 && countB == 1, "the script left \(countA) and \(countB) rows, expected 2 and 1")
    }
}

import PortalKernel

extension StorageConformance {
    /// `$n` placeholders, `IN` lists, composed statements and large results.
    static var statementChecks: [StorageCheck] {
        [
            StorageCheck(name: "reused and out-of-order placeholders", run: reusedAndOutOfOrderPlaceholders),
            StorageCheck(name: "IN lists, including empty ones", run: inLists),
            StorageCheck(name: "large result sets", run: largeResultSets),
        ]
    }

    @Sendable static func reusedAndOutOfOrderPlaceholders(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_pairs (id \(schema.identity), a TEXT NOT NULL, b TEXT NOT NULL, n \(schema.bigint) NOT NULL);")

        let inserted = try await database.write { connection in
            try connection.query(
                SQLStatement(
                    sql: "INSERT INTO conf_pairs (a, b, n) VALUES ($2, $3, $1) RETURNING a, b, n",
                    bindings: [.integer(7), .text("alpha"), .text("beta")]))
        }
        try conformanceExpect(inserted.count == 1, "INSERT with out-of-order placeholders returned \(inserted.count) rows")
        let row = inserted[0]
        try conformanceExpect(
            try row.get("a", as: String.self) == "alpha" && row.get("b", as: String.self) == "beta"
                && row.get("n", as: Int.self) == 7,
            "out-of-order placeholders bound the wrong values: \(row.values.map(\.description))")

        _ = try await database.write { connection in
            try connection.execute(
                SQLStatement(
                    sql: "INSERT INTO conf_pairs (a, b, n) VALUES ($1, $1, $2)", bindings: [.text("twin"), .integer(2)]))
            try connection.execute(
                SQLStatement(
                    sql: "INSERT INTO conf_pairs (a, b, n) VALUES ($3, $2, $1)",
                    bindings: [.integer(3), .text("beta"), .text("gamma")]))
        }
        let (twins, eitherBeta, filtered, composed, quoted) = try await database.read { connection in
            (
                try connection.queryScalar(
                    SQLStatement(sql: "SELECT COUNT(*) FROM conf_pairs WHERE a = $1 AND b = $1", bindings: [.text("twin")]),
                    as: Int.self),
                try connection.queryScalar(
                    SQLStatement(sql: "SELECT COUNT(*) FROM conf_pairs WHERE a = $1 OR b = $1", bindings: [.text("beta")]),
                    as: Int.self),
                try connection.queryScalar(
                    SQLStatement(
                        sql: "SELECT COUNT(*) FROM conf_pairs WHERE n > $2 AND (a = $1 OR b = $1)",
                        bindings: [.text("beta"), .integer(5)]),
                    as: Int.self),
                try connection.queryScalar(Self.composedStatement(), as: Int.self),
                try connection.queryScalar(
                    "SELECT '$1' || a FROM conf_pairs WHERE a = \("alpha")", as: String.self)
            )
        }
        try conformanceExpect(twins == 1, "a placeholder used twice matched \(twins ?? -1) rows, expected 1")
        try conformanceExpect(eitherBeta == 2, "a = $1 OR b = $1 matched \(eitherBeta ?? -1) rows, expected 2")
        try conformanceExpect(filtered == 1, "$2 before $1 matched \(filtered ?? -1) rows, expected 1")
        try conformanceExpect(composed == 1, "an appended statement matched \(composed ?? -1) rows, expected 1")
        try conformanceExpect(quoted == "$1alpha", "a quoted '$1' was treated as a placeholder: \(quoted ?? "nil")")

        // Twelve placeholders in reverse: `$1` must not be confused with `$10`…`$12`.
        let numbers = (1...12).map { SQLValue.integer(Int64($0)) }
        let reversedList = (1...12).reversed().map { "$\($0)" }.joined(separator: ", ")
        let reverse = try await database.read { connection in
            try connection.query(
                SQLStatement(
                    sql: "SELECT n FROM conf_pairs WHERE n IN (\(reversedList)) AND n <> $12 ORDER BY n",
                    bindings: numbers)
            ).map { try $0.get("n", as: Int.self) }
        }
        try conformanceExpect(reverse == [2, 3, 7], "twelve reversed placeholders found \(reverse), expected [2, 3, 7]")
    }

    /// `… WHERE a = $1` with `AND n = $1` appended (renumbered to `$2`).
    private static func composedStatement() -> SQLStatement {
        var statement: SQLStatement = "SELECT COUNT(*) FROM conf_pairs WHERE a = \("alpha")"
        statement.append(" AND n = \(7)")
        return statement
    }

    @Sendable static func inLists(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_tags (id \(schema.bigint) PRIMARY KEY, tag TEXT NOT NULL);")
        _ = try await database.write { connection in
            for (id, tag) in ["red", "green", "blue", "cyan", "black"].enumerated() {
                try connection.execute("INSERT INTO conf_tags (id, tag) VALUES (\(id), \(tag))")
            }
        }
        let (byID, byTag, none, noneText, mixed, single) = try await database.read { connection in
            func ids(_ statement: SQLStatement) throws -> [Int] {
                try connection.query(statement).map { try $0.get("id", as: Int.self) }
            }
            return (
                try ids("SELECT id FROM conf_tags WHERE id IN (\(list: [Int64(4), 0, 2])) ORDER BY id"),
                try ids("SELECT id FROM conf_tags WHERE tag IN (\(list: ["blue", "cyan", "magenta"])) ORDER BY id"),
                try ids("SELECT id FROM conf_tags WHERE id IN (\(list: [Int64]())) ORDER BY id"),
                try ids("SELECT id FROM conf_tags WHERE tag IN (\(list: [String]())) ORDER BY id"),
                try ids(
                    "SELECT id FROM conf_tags WHERE tag <> \("red") AND id IN (\(list: [0, 1, 2])) AND tag <> \("blue") ORDER BY id"),
                try ids("SELECT id FROM conf_tags WHERE tag IN (\(list: ["black"]))")
            )
        }
        try conformanceExpect(byID == [0, 2, 4], "IN over ids found \(byID)")
        try conformanceExpect(byTag == [2, 3], "IN over text found \(byTag)")
        try conformanceExpect(none.isEmpty && noneText.isEmpty, "an empty IN list matched \(none) and \(noneText)")
        try conformanceExpect(mixed == [1], "an IN list between other bindings found \(mixed), expected [1]")
        try conformanceExpect(single == [4], "a one-element IN list found \(single)")
        let deleted = try await database.write { connection in
            try connection.execute("DELETE FROM conf_tags WHERE id IN (\(list: [Int]()))")
        }
        try conformanceExpect(deleted == 0, "DELETE … IN () removed \(deleted) rows")
    }

    static let largeRowCount = 20_000

    @Sendable static func largeResultSets(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_bulk (id \(schema.bigint) PRIMARY KEY, amount \(schema.bigint) NOT NULL, label TEXT NOT NULL);")
        let rowCount = largeRowCount
        let batch = 500
        @Sendable func amount(_ id: Int) -> Int64 { Int64(id) * 1_000_003 % 999_983 - 400_000 }
        _ = try await database.write { connection in
            for start in stride(from: 1, through: rowCount, by: batch) {
                var statement = SQLStatement(sql: "INSERT INTO conf_bulk (id, amount, label) VALUES ")
                for id in start..<min(start + batch, rowCount + 1) {
                    let base = statement.bindings.count
                    statement.sql += base == 0 ? "" : ", "
                    statement.sql += "($\(base + 1), $\(base + 2), $\(base + 3))"
                    statement.bindings += [.integer(Int64(id)), .integer(amount(id)), .text("row \(id) ✓")]
                }
                try connection.execute(statement)
            }
        }
        let expectedIDSum = Int64(rowCount) * Int64(rowCount + 1) / 2
        let expectedAmountSum = (1...rowCount).reduce(Int64(0)) { $0 + amount($1) }

        let (queried, streamed, aggregate) = try await database.read { connection in
            let rows = try connection.query("SELECT id, amount, label FROM conf_bulk ORDER BY id")
            var queried = (count: 0, ids: Int64(0), amounts: Int64(0), labelsOK: true)
            for row in rows {
                let id = try row.get("id", as: Int64.self)
                queried.count += 1
                queried.ids += id
                queried.amounts += try row.get("amount", as: Int64.self)
                let label = try row.get("label", as: String.self)
                queried.labelsOK = queried.labelsOK && label == "row \(id) ✓"
            }
            var streamed = (count: 0, ids: Int64(0), amounts: Int64(0), ordered: true)
            try connection.forEachRow("SELECT id, amount FROM conf_bulk ORDER BY id") { row in
                let id = try row.get(at: 0, as: Int64.self)
                streamed.count += 1
                streamed.ordered = streamed.ordered && id == Int64(streamed.count)
                streamed.ids += id
                streamed.amounts += try row.get(at: 1, as: Int64.self)
            }
            let aggregate = try connection.queryFirst("SELECT COUNT(*) AS n, SUM(amount) AS total FROM conf_bulk")
            return (
                queried, streamed,
                (try aggregate?.get("n", as: Int.self) ?? -1, try aggregate?.get("total", as: Int64.self) ?? -1)
            )
        }
        try conformanceExpect(queried.count == rowCount, "query returned \(queried.count) rows, expected \(rowCount)")
        try conformanceExpect(queried.ids == expectedIDSum && queried.amounts == expectedAmountSum, "query sums differ")
        try conformanceExpect(queried.labelsOK, "query returned a wrong label")
        try conformanceExpect(streamed.count == rowCount, "forEachRow saw \(streamed.count) rows, expected \(rowCount)")
        try conformanceExpect(streamed.ordered, "forEachRow did not deliver rows in ORDER BY order")
        try conformanceExpect(streamed.ids == expectedIDSum && streamed.amounts == expectedAmountSum, "forEachRow sums differ")
        try conformanceExpect(aggregate.0 == rowCount, "COUNT(*) = \(aggregate.0), expected \(rowCount)")
        try conformanceExpect(aggregate.1 == expectedAmountSum, "SUM(amount) = \(aggregate.1), expected \(expectedAmountSum)")

        // A throwing forEachRow body stops the iteration and its error comes back unchanged.
        var stopped = false
        do {
            _ = try await database.read { connection in
                var seen = 0
                try connection.forEachRow("SELECT id FROM conf_bulk ORDER BY id") { _ in
                    seen += 1
                    if seen == 10 { throw ConformanceBodyError(token: seen) }
                }
            }
        } catch let error as ConformanceBodyError {
            stopped = error.token == 10
        }
        try conformanceExpect(stopped, "an error thrown from forEachRow's body did not come back unchanged")
        try conformanceExpect(try await database.count("conf_bulk") == rowCount, "the database was unusable after it")
    }
}

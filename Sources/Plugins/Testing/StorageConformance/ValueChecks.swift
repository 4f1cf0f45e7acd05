import PortalKernel

extension StorageConformance {
    /// Round trips of text, money, booleans, NULLs and bytes.
    static var valueChecks: [StorageCheck] {
        [
            StorageCheck(name: "unicode text round trip and equality", run: unicodeRoundTrip),
            StorageCheck(name: "money columns are exact 64-bit integers", run: moneyIsExact),
            StorageCheck(name: "booleans and NULLs", run: booleansAndNulls),
            StorageCheck(name: "blobs with every byte value", run: blobsRoundTrip),
        ]
    }

    /// Text that trips up encodings: emoji sequences, CJK, right-to-left scripts, combining
    /// marks (decomposed and precomposed forms are different strings to a database), 4-byte
    /// characters, quotes and SQL-looking text.
    static let unicodeSamples: [String] = [
        "plain ascii",
        "👩‍👩‍👧‍👦 family, 🇿🇦 flag, 👍🏽 thumbs",
        "日本語のテキスト 中文 한국어",
        "العربية مع أرقام ١٢٣",
        "e\u{301}cole",
        "\u{E9}cole",
        "𝄞 𠜎 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
        "quotes ' \" ` and $1 and ? and :name and -- comment",
        "line\nbreak\ttab",
        "",
    ]

    @Sendable static func unicodeRoundTrip(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_texts (id \(schema.bigint) PRIMARY KEY, body TEXT NOT NULL);")
        let samples = unicodeSamples
        _ = try await database.write { connection in
            for (index, sample) in samples.enumerated() {
                try connection.execute("INSERT INTO conf_texts (id, body) VALUES (\(index), \(sample))")
            }
        }
        let stored = try await database.read { connection in
            try connection.query("SELECT id, body FROM conf_texts ORDER BY id").map {
                (try $0.get("id", as: Int.self), try $0.get("body", as: String.self))
            }
        }
        try conformanceExpect(stored.count == samples.count, "\(stored.count) texts stored, expected \(samples.count)")
        for (id, body) in stored {
            try conformanceExpect(
                Array(body.utf8) == Array(samples[id].utf8),
                "text \(id) changed bytes: \(samples[id].debugDescription) came back as \(body.debugDescription)")
        }
        let matches = try await database.read { connection in
            try samples.map { sample in
                try connection.query("SELECT id FROM conf_texts WHERE body = \(sample)").map { try $0.get("id", as: Int.self) }
            }
        }
        for (index, ids) in matches.enumerated() {
            try conformanceExpect(
                ids == [index], "filtering on \(samples[index].debugDescription) found rows \(ids), expected [\(index)]")
        }
        let prefixed = try await database.count("conf_texts", where: "body LIKE \("日本語%")")
        try conformanceExpect(prefixed == 1, "LIKE with a CJK prefix found \(prefixed) rows")
    }

    @Sendable static func moneyIsExact(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            """
            CREATE TABLE conf_ledger (id \(schema.bigint) PRIMARY KEY, amount \(schema.bigint) NOT NULL);
            CREATE TABLE conf_cents (id \(schema.bigint) PRIMARY KEY, amount \(schema.bigint) NOT NULL);
            """)
        let extremes: [Int64] = [Int64.max, Int64.min + 1, 0, -1, 1, 9_007_199_254_740_993, -9_007_199_254_740_993]
        // 2^53 + 1 and its sum below are not representable as doubles: any float path shows.
        let largeAmount: Int64 = 9_007_199_254_741
        let largeCount = 1_000
        _ = try await database.write { connection in
            for (index, amount) in extremes.enumerated() {
                try connection.execute("INSERT INTO conf_ledger (id, amount) VALUES (\(index), \(amount))")
            }
            var bulk = SQLStatement(sql: "INSERT INTO conf_cents (id, amount) VALUES ")
            for index in 0..<largeCount {
                bulk.sql += index == 0 ? "" : ", "
                bulk.sql += "($\(2 * index + 1), $\(2 * index + 2))"
                bulk.bindings += [.integer(Int64(index)), .integer(largeAmount)]
            }
            try connection.execute(bulk)
            try connection.execute("INSERT INTO conf_cents (id, amount) VALUES (\(largeCount), \(Int64(1)))")
        }
        let (readBack, extremeSum, centsSum, maxAmount) = try await database.read { connection in
            (
                try connection.query("SELECT amount FROM conf_ledger ORDER BY id").map { try $0.get("amount", as: Int64.self) },
                try connection.queryScalar(
                    "SELECT SUM(amount) FROM conf_ledger WHERE id IN (\(list: [0, 1]))", as: Int64.self),
                try connection.queryScalar("SELECT SUM(amount) FROM conf_cents", as: Int64.self),
                try connection.queryScalar("SELECT MAX(amount) FROM conf_ledger", as: Int64.self)
            )
        }
        try conformanceExpect(readBack == extremes, "64-bit amounts read back as \(readBack)")
        try conformanceExpect(extremeSum == 0, "SUM(Int64.max, Int64.min + 1) = \(extremeSum.map(String.init) ?? "nil")")
        let expected = largeAmount * Int64(largeCount) + 1
        try conformanceExpect(centsSum == expected, "SUM of \(largeCount) amounts = \(centsSum.map(String.init) ?? "nil"), expected \(expected)")
        try conformanceExpect(maxAmount == Int64.max, "MAX(amount) = \(maxAmount.map(String.init) ?? "nil")")
        let filtered = try await database.count("conf_ledger", where: "amount = \(Int64.max) OR amount = \(Int64.min + 1)")
        try conformanceExpect(filtered == 2, "filtering on the extreme amounts found \(filtered) rows")
    }

    @Sendable static func booleansAndNulls(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            """
            CREATE TABLE conf_optionals (
                id \(schema.bigint) PRIMARY KEY,
                flag \(schema.boolean) NOT NULL,
                maybe_flag \(schema.boolean),
                note TEXT,
                amount \(schema.bigint),
                ratio \(schema.isPostgres ? "DOUBLE PRECISION" : "REAL"),
                at \(schema.timestamp),
                day \(schema.date),
                data \(schema.blob)
            );
            """)
        let at = Instant(microsecondsSinceEpoch: 1_700_000_000_123_456)
        let day = LocalDate(year: 2024, month: 2, day: 29)
        _ = try await database.write { connection in
            try connection.execute(
                """
                INSERT INTO conf_optionals (id, flag, maybe_flag, note, amount, ratio, at, day, data)
                VALUES (\(1), \(true), \(Bool?.none), \(String?.none), \(Int64?.none), \(Double?.none),
                        \(Instant?.none), \(LocalDate?.none), \([UInt8]?.none))
                """)
            try connection.execute(
                """
                INSERT INTO conf_optionals (id, flag, maybe_flag, note, amount, ratio, at, day, data)
                VALUES (\(2), \(false), \(Bool?.some(true)), \("note"), \(Int64(-42)), \(0.5), \(at), \(day), \([UInt8]([1, 2])))
                """)
            try connection.execute(
                "INSERT INTO conf_optionals (id, flag, maybe_flag) VALUES (\(3), \(false), \(Bool?.some(false)))")
        }
        let rows = try await database.read { connection in
            try connection.query("SELECT * FROM conf_optionals ORDER BY id")
        }
        try conformanceExpect(rows.count == 3, "\(rows.count) rows stored, expected 3")
        let empty = rows[0], full = rows[1], third = rows[2]
        try conformanceExpect(try empty.get("flag", as: Bool.self) == true, "true read back as false")
        try conformanceExpect(try full.get("flag", as: Bool.self) == false, "false read back as true")
        try conformanceExpect(try third.get("maybe_flag", as: Bool?.self) == false, "Optional(false) read back differently")
        try conformanceExpect(try full.get("maybe_flag", as: Bool?.self) == true, "Optional(true) read back differently")
        try conformanceExpect(try empty.get("maybe_flag", as: Bool?.self) == nil, "a NULL boolean read back as a value")
        try conformanceExpect(try empty.get("note", as: String?.self) == nil, "a NULL text read back as a value")
        try conformanceExpect(try empty.get("amount", as: Int64?.self) == nil, "a NULL integer read back as a value")
        try conformanceExpect(try empty.get("ratio", as: Double?.self) == nil, "a NULL real read back as a value")
        try conformanceExpect(try empty.get("at", as: Instant?.self) == nil, "a NULL timestamp read back as a value")
        try conformanceExpect(try empty.get("day", as: LocalDate?.self) == nil, "a NULL date read back as a value")
        try conformanceExpect(try empty.get("data", as: [UInt8]?.self) == nil, "a NULL blob read back as a value")
        try conformanceExpect(try empty.value("note").isNull, "a NULL text is not SQLValue.null")
        try conformanceExpect(try full.get("note", as: String?.self) == "note", "an optional text read back differently")
        try conformanceExpect(try full.get("amount", as: Int64?.self) == -42, "an optional integer read back differently")
        try conformanceExpect(try full.get("ratio", as: Double?.self) == 0.5, "an optional real read back differently")
        try conformanceExpect(try full.get("at", as: Instant?.self) == at, "an optional timestamp read back differently")
        try conformanceExpect(try full.get("day", as: LocalDate?.self) == day, "an optional date read back differently")
        try conformanceExpect(try full.get("data", as: [UInt8]?.self) == [1, 2], "an optional blob read back differently")

        let trueCount = try await database.count("conf_optionals", where: "flag = \(true)")
        let falseCount = try await database.count("conf_optionals", where: "flag = \(false)")
        let nullCount = try await database.count("conf_optionals", where: "maybe_flag IS NULL")
        let notesNull = try await database.count("conf_optionals", where: "note IS NULL")
        try conformanceExpect(trueCount == 1 && falseCount == 2, "filtering on booleans found \(trueCount) true, \(falseCount) false")
        try conformanceExpect(nullCount == 1 && notesNull == 2, "IS NULL found \(nullCount) and \(notesNull) rows")

        let cleared = try await database.write { connection in
            try connection.execute("UPDATE conf_optionals SET note = \(String?.none) WHERE id = \(2)")
        }
        try conformanceExpect(cleared == 1, "setting a column to NULL changed \(cleared) rows")
        try conformanceExpect(try await database.count("conf_optionals", where: "note IS NULL") == 3, "UPDATE … = NULL did not store NULL")
    }

    @Sendable static func blobsRoundTrip(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_blobs (id \(schema.bigint) PRIMARY KEY, data \(schema.blob) NOT NULL);")
        let everyByte = (0...255).map { UInt8($0) }
        var large = [UInt8](repeating: 0, count: 1 << 20)
        var state: UInt32 = 2_463_534_242
        for index in large.indices {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            large[index] = UInt8(truncatingIfNeeded: state)
        }
        let samples: [[UInt8]] = [everyByte, everyByte.reversed(), [0], [0, 0, 0], [], large]
        _ = try await database.write { connection in
            for (index, sample) in samples.enumerated() {
                try connection.execute("INSERT INTO conf_blobs (id, data) VALUES (\(index), \(sample))")
            }
        }
        let stored = try await database.read { connection in
            try connection.query("SELECT data FROM conf_blobs ORDER BY id").map { try $0.get("data", as: [UInt8].self) }
        }
        try conformanceExpect(stored.count == samples.count, "\(stored.count) blobs stored, expected \(samples.count)")
        for (index, sample) in samples.enumerated() {
            try conformanceExpect(
                stored[index] == sample,
                "blob \(index) (\(sample.count) bytes) read back as \(stored[index].count) different bytes")
        }
        let found = try await database.read { connection in
            try connection.query("SELECT id FROM conf_blobs WHERE data = \(everyByte)").map { try $0.get("id", as: Int.self) }
        }
        try conformanceExpect(found == [0], "filtering on a blob found rows \(found), expected [0]")
    }
}

import PortalKernel

extension StorageConformance {
    /// Instants to the microsecond and calendar dates: round trips, ordering, comparisons.
    static var timeChecks: [StorageCheck] {
        [
            StorageCheck(name: "timestamps round trip to the microsecond and order", run: timestampsRoundTrip),
            StorageCheck(name: "an offset timestamp is stored as the same instant", run: offsetTimestampIsSameInstant),
            StorageCheck(name: "local dates round trip and order", run: localDatesRoundTrip),
        ]
    }

    private static func instant(_ text: String) throws -> Instant {
        guard let value = Instant(iso8601: text) else { throw ConformanceFailure("bad test instant \(text)") }
        return value
    }

    @Sendable static func timestampsRoundTrip(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_times (id \(schema.bigint) PRIMARY KEY, at \(schema.timestamp) NOT NULL);")
        let now = SystemClock().now()
        let samples: [Instant] = [
            now,
            try instant("1969-07-20T20:17:40.123456Z"),
            try instant("1901-12-13T20:45:52.000001Z"),
            try instant("1969-12-31T23:59:59.999999Z"),
            try instant("1970-01-01T00:00:00Z"),
            try instant("2038-01-19T03:14:08.000007Z"),
            try instant("2999-12-31T23:59:59.999999Z"),
            try instant("9999-12-31T23:59:59.999999Z"),
            now + .microseconds(1),
            now - .microseconds(1),
        ]
        _ = try await database.write { connection in
            for (index, sample) in samples.enumerated() {
                try connection.execute("INSERT INTO conf_times (id, at) VALUES (\(index), \(sample))")
            }
        }
        let stored = try await database.read { connection in
            try connection.query("SELECT at FROM conf_times ORDER BY id").map { try $0.get("at", as: Instant.self) }
        }
        for (index, sample) in samples.enumerated() {
            try conformanceExpect(
                stored[index] == sample, "\(sample) read back as \(stored[index]) (difference \(stored[index] - sample))")
        }

        let ordered = try await database.read { connection in
            try connection.query("SELECT id FROM conf_times ORDER BY at, id").map { try $0.get("id", as: Int.self) }
        }
        let expectedOrder = samples.indices.sorted { (samples[$0], $0) < (samples[$1], $1) }
        try conformanceExpect(ordered == expectedOrder, "ORDER BY a timestamp gave \(ordered), expected \(expectedOrder)")

        let epoch = Instant(microsecondsSinceEpoch: 0)
        let before = try await database.count("conf_times", where: "at < \(epoch)")
        try conformanceExpect(before == samples.filter { $0 < epoch }.count, "\(before) instants compared before 1970")
        let around = try await database.count("conf_times", where: "at >= \(now - .microseconds(1)) AND at <= \(now)")
        try conformanceExpect(around == 2, "a microsecond range around now matched \(around) rows, expected 2")
        let exact = try await database.count("conf_times", where: "at = \(now)")
        try conformanceExpect(exact == 1, "equality with a bound instant matched \(exact) rows, expected 1")
        let latest = try await database.read { connection in
            try connection.queryScalar("SELECT MAX(at) FROM conf_times", as: Instant.self)
        }
        try conformanceExpect(latest == samples.max(), "MAX(at) = \(latest.map(\.iso8601) ?? "nil")")
    }

    @Sendable static func offsetTimestampIsSameInstant(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_offsets (id TEXT PRIMARY KEY, at \(schema.timestamp) NOT NULL);")
        let withOffset = try instant("2024-06-30T14:30:00.250001+02:00")
        let utc = try instant("2024-06-30T12:30:00.250001Z")
        try conformanceExpect(withOffset == utc, "the +02:00 instant parsed as \(withOffset), expected \(utc)")
        let lateNight = try instant("2024-01-01T01:00:00-05:00")
        _ = try await database.write { connection in
            try connection.execute("INSERT INTO conf_offsets (id, at) VALUES (\("johannesburg"), \(withOffset))")
            try connection.execute("INSERT INTO conf_offsets (id, at) VALUES (\("new-york"), \(lateNight))")
        }
        let (found, stored, newYork) = try await database.read { connection in
            (
                try connection.queryScalar("SELECT id FROM conf_offsets WHERE at = \(utc)", as: String.self),
                try connection.queryScalar("SELECT at FROM conf_offsets WHERE id = \("johannesburg")", as: Instant.self),
                try connection.queryScalar("SELECT at FROM conf_offsets WHERE id = \("new-york")", as: Instant.self)
            )
        }
        try conformanceExpect(found == "johannesburg", "looking the instant up in UTC found \(found ?? "nothing")")
        try conformanceExpect(
            stored?.iso8601 == "2024-06-30T12:30:00.250001Z", "the instant read back as \(stored?.iso8601 ?? "nil")")
        try conformanceExpect(
            newYork?.iso8601 == "2024-01-01T06:00:00.000000Z", "a -05:00 instant read back as \(newYork?.iso8601 ?? "nil")")
    }

    @Sendable static func localDatesRoundTrip(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_days (id \(schema.bigint) PRIMARY KEY, day \(schema.date) NOT NULL);")
        let texts = [
            "2024-02-29", "2024-03-01", "2023-12-31", "1900-01-01", "2000-02-29", "9999-12-31", "1970-01-01", "0001-01-01",
        ]
        let samples = try texts.map { text in
            guard let date = LocalDate(iso8601: text) else { throw ConformanceFailure("bad test date \(text)") }
            return date
        }
        _ = try await database.write { connection in
            for (index, sample) in samples.enumerated() {
                try connection.execute("INSERT INTO conf_days (id, day) VALUES (\(index), \(sample))")
            }
        }
        let stored = try await database.read { connection in
            try connection.query("SELECT day FROM conf_days ORDER BY id").map { try $0.get("day", as: LocalDate.self) }
        }
        try conformanceExpect(stored == samples, "dates read back as \(stored)")
        let ordered = try await database.read { connection in
            try connection.query("SELECT day FROM conf_days ORDER BY day").map { try $0.get("day", as: LocalDate.self) }
        }
        try conformanceExpect(ordered == samples.sorted(), "ORDER BY a date gave \(ordered)")
        let leap = samples[0]
        let (onLeapDay, inFebruary, afterLeap) = try await database.read { connection in
            (
                try connection.queryScalar("SELECT id FROM conf_days WHERE day = \(leap)", as: Int.self),
                try connection.queryScalar(
                    "SELECT COUNT(*) FROM conf_days WHERE day BETWEEN \(LocalDate(year: 2024, month: 2, day: 1)) AND \(LocalDate(year: 2024, month: 2, day: 29))",
                    as: Int.self),
                try connection.queryScalar("SELECT COUNT(*) FROM conf_days WHERE day > \(leap)", as: Int.self)
            )
        }
        try conformanceExpect(onLeapDay == 0, "equality with 2024-02-29 found \(onLeapDay.map(String.init) ?? "nothing")")
        try conformanceExpect(inFebruary == 1, "BETWEEN over February 2024 found \(inFebruary ?? -1) rows")
        try conformanceExpect(afterLeap == 2, "dates after 2024-02-29: \(afterLeap ?? -1), expected 2")
    }
}

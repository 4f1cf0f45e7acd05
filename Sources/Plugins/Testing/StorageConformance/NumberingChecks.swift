import PortalKernel

/// Checks of ``NumberSequence``: gap-free, duplicate-free numbering on every backend.
extension StorageConformance {
    static var numberingChecks: [StorageCheck] {
        [
            StorageCheck(name: "number sequences count per tenant, name and period", run: numberingIsScoped),
            StorageCheck(name: "a rolled-back transaction gives its number back", run: numberingRollsBack),
            StorageCheck(name: "concurrent writers take every number exactly once", run: numberingUnderContention),
        ]
    }

    private static func migratedForNumbering(_ database: any Database) async throws {
        try await Migrator(migrations: PortalSchema.migrations, clock: ManualClock()).migrate(database)
    }

    static func numberingIsScoped(_ database: any Database) async throws {
        try await migratedForNumbering(database)
        let acme = TenantID.generate(at: Instant(secondsSinceEpoch: 1)), globex = TenantID.generate(at: Instant(secondsSinceEpoch: 2))
        let taken = try await database.write { connection in
            [
                try NumberSequence.next("invoice", tenant: acme, period: "2026-11", on: connection),
                try NumberSequence.next("invoice", tenant: acme, period: "2026-11", on: connection),
                try NumberSequence.next("invoice", tenant: acme, period: "2026-12", on: connection),
                try NumberSequence.next("credit_note", tenant: acme, period: "2026-11", on: connection),
                try NumberSequence.next("invoice", tenant: globex, period: "2026-11", on: connection),
                try NumberSequence.next("invoice", tenant: acme, period: "2026-11", on: connection),
            ]
        }
        try conformanceExpect(taken == [1, 2, 1, 1, 1, 3], "each (tenant, name, period) counts on its own, got \(taken)")
        let current = try await database.read { connection in
            try NumberSequence.current("invoice", tenant: acme, period: "2026-11", on: connection)
        }
        try conformanceExpect(current == 3, "current reports the last issued value")
    }

    static func numberingRollsBack(_ database: any Database) async throws {
        try await migratedForNumbering(database)
        let tenant = TenantID.generate(at: Instant(secondsSinceEpoch: 1))
        struct Abort: Error {}
        _ = try await database.write { connection in try NumberSequence.next("invoice", tenant: tenant, period: "", on: connection) }
        do {
            try await database.write { connection in
                _ = try NumberSequence.next("invoice", tenant: tenant, period: "", on: connection)
                throw Abort()
            }
        } catch is Abort {}
        let next = try await database.write { connection in try NumberSequence.next("invoice", tenant: tenant, period: "", on: connection) }
        try conformanceExpect(next == 2, "the rolled-back number is issued again, got \(next)")
    }

    static func numberingUnderContention(_ database: any Database) async throws {
        try await migratedForNumbering(database)
        let tenant = TenantID.generate(at: Instant(secondsSinceEpoch: 1))
        let numbers = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine: [Int64] = []
                    for _ in 0..<25 {
                        mine.append(try await database.write { connection in
                            try NumberSequence.next("invoice", tenant: tenant, period: "2026-11", on: connection)
                        })
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        try conformanceExpect(numbers.sorted() == Array(1...200), "200 numbers, no gap and no duplicate")
    }
}

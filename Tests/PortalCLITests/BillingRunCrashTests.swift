import Foundation
import Logging
import PortalKernel
import PortalPostgres
import PortalSQLite
import PortalTesting
import Testing

/// A billing run killed with SIGKILL at random points: every later run picks up where the
/// killed one stopped, and in the end each period has exactly one invoice and the invoice
/// numbers run from 1 with no gap and no repeat. On SQLite and on PostgreSQL.
@Suite("portal-cli billing run survives being killed")
struct BillingRunCrashTests {
    @Test(arguments: [false, true])
    func killedRunsLeaveNoDuplicateAndNoGap(postgres: Bool) async throws {
        try await CrashScenario(postgres: postgres).run()
    }
}

/// One installation whose billing run is killed and restarted.
struct CrashScenario {
    /// Where the database is: a SQLite file, or a fresh database on the private PostgreSQL server.
    let databaseURL: String
    let cli: CLIRunner

    init(postgres: Bool) async throws {
        if postgres {
            databaseURL = try await TestPostgres.freshDatabaseURL()
            let keys = "k1:" + Data(repeating: 7, count: 32).base64EncodedString()
            cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": databaseURL, "PORTAL_SECRETS_KEYS": keys])
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-crash-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            databaseURL = "sqlite:\(folder)/portal.sqlite"
            cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": databaseURL])
        }
    }

    static let subscriptions = 8
    /// Monthly periods from 2024-01-01 through the run date 2026-03-01 plus 7 lead days.
    static let periodsEach = 27

    func run() async throws {
        let company = try BillingSetup(cli: cli).tenantWithVAT()
        let plan = try cli.run(
            "plan", "create", "--tenant", "acme", "--code", "basic", "--name", "Basic", "--price", "100.00", "--interval", "monthly")
        #expect(plan.status == 0, "\(plan.stderr)")
        for _ in 0..<Self.subscriptions {
            let created = try cli.run(
                "subscription", "create", "--tenant", "acme", "--company", company.accountNumber, "--plan", "basic", "--start",
                "2024-01-01")
            #expect(created.status == 0, "\(created.stderr)")
        }
        let expected = Self.subscriptions * Self.periodsEach

        // Kill each run at a random point: after a random number of billed periods (the run
        // reports each on standard error with --progress-lines) plus a random few hundred
        // microseconds, so the kill lands anywhere in the following period's transaction. The
        // watcher runs on its own dispatch thread, so a busy test process cannot make it late.
        var kills = 0
        var finished = false
        for attempt in 0..<20 where !finished {
            let killAfter = attempt < 5 ? Int.random(in: 1...30) : nil
            let process = try startRun(killAfterPeriods: killAfter)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 }
            finished = process.terminationReason == .exit && process.terminationStatus == 0
        }
        #expect(finished)
        #expect(kills == 5, "every one of the first five runs is killed part-way")

        let numbers = try await invoiceNumbers()
        #expect(numbers.count == expected)
        #expect(numbers == (1...expected).map { String(format: "INV-2026-03-%05d", $0) })
        #expect(try await duplicatePeriods() == 0)
        // And one more run for the same date creates nothing.
        let again = try cli.run("billing", "run", "--tenant", "acme", "--date", "2026-03-01", "--json")
        #expect(again.status == 0)
        #expect(again.stdout.contains("\"invoices_created\" : 0") || again.stdout.contains("\"invoices_created\":0"), "\(again.stdout)")
    }

    /// Starts `billing run`; with `killAfterPeriods`, SIGKILLs it once it has reported that many
    /// billed periods.
    private func startRun(killAfterPeriods: Int?) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = [
            "billing", "run", "--tenant", "acme", "--date", "2026-03-01", "--batch-size", "5", "--progress-lines",
        ]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PORTAL_") }
        environment.merge(cli.environment) { _, new in new }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let progress = Pipe()
        process.standardError = progress
        let watcher = ProgressWatcher(killAfter: killAfterPeriods)
        progress.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            if watcher.count(data) {
                usleep(UInt32.random(in: 0...800))
                kill(process.processIdentifier, SIGKILL)
            }
        }
        try process.run()
        return process
    }

    private func openDatabase() async throws -> any Database {
        let logger = Logger(label: "crash-test")
        return databaseURL.hasPrefix("sqlite:")
            ? try await SQLiteDatabase.open(
                configuration: SQLiteConfiguration(path: String(databaseURL.dropFirst("sqlite:".count)), readerCount: 1),
                logger: logger)
            : try PostgresDatabase(configuration: PostgresConfiguration(url: databaseURL, poolSize: 1), logger: logger)
    }

    private func withDatabase<Result: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> Result) async throws -> Result {
        let database = try await openDatabase()
        do {
            let result = try await database.read(.allTenants, body)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    private func invoiceNumbers() async throws -> [String] {
        try await withDatabase { connection in
            try connection.query("SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY number").map { try $0.get("number") }
        }
    }

    /// Subscription periods billed more than once.
    private func duplicatePeriods() async throws -> Int64 {
        try await withDatabase { connection in
            try connection.queryScalar(
                """
                SELECT COUNT(*) FROM (SELECT subscription_id, period_start FROM invoices WHERE subscription_id IS NOT NULL
                GROUP BY subscription_id, period_start HAVING COUNT(*) > 1) AS repeated
                """, as: Int64.self) ?? 0
        }
    }
}

/// Counts the progress lines a run writes and says, once, when the kill point is reached.
final class ProgressWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private let killAfter: Int?
    private var lines = 0
    private var fired = false

    init(killAfter: Int?) {
        self.killAfter = killAfter
    }

    /// Adds the lines in `data`; true exactly once, when their number first reaches the kill point.
    func count(_ data: Data) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        lines += data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        guard let killAfter, !fired, lines >= killAfter else { return false }
        fired = true
        return true
    }
}

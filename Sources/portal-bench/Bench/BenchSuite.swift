import Foundation
import PortalAssembly
import PortalKernel
import PortalTesting

/// Everything `make bench` measures, on each backend in turn: seeds the data set, starts the
/// release server and measures it, runs the release CLI's billing run, and drives payments and
/// numbering, writing nothing but its own databases and the report.
public struct BenchSuite: Sendable {
    public struct Options: Sendable {
        public var backends: [BenchDatabase.Backend] = BenchDatabase.Backend.allCases
        public var shape: DataSetShape = .full
        /// Subscriptions in the smaller billing run's data set.
        public var smallBillingRun = 10_000
        public var runDate = LocalDate(year: 2026, month: 12, day: 1)!
        public var load = WrkLoad(connections: 32, threads: 2, seconds: 20)
        public var growthLoad = WrkLoad(connections: 32, threads: 2, seconds: 10)
        public var payments = PaymentMeasurement(clients: 32, invoicesPerTenant: 64)
        public var numbering = NumberingContention(writers: 8, invoices: 2_000)
        /// Where `portal-http` and `portal-cli` (release builds) are.
        public var binaries = ".build/release"
        /// Where the SQLite files go while measuring.
        public var workDirectory = ".bench/work"

        public init() {}
    }

    let options: Options
    let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    /// Runs every measurement on every chosen backend.
    public func run() async throws -> BenchReport {
        try FileManager.default.createDirectory(atPath: options.workDirectory, withIntermediateDirectories: true)
        var report = BenchReport(shape: options.shape, smallBillingRun: options.smallBillingRun)
        let postgres = options.backends.contains(.postgres) ? try await startPostgres() : nil
        defer { postgres?.stop() }
        for backend in options.backends {
            let databases = Databases(backend: backend, suite: self, postgres: postgres)
            report.backends.append(try await measure(databases))
        }
        try? FileManager.default.removeItem(atPath: options.workDirectory)
        return report
    }

    /// A private PostgreSQL server with its default durability, and a role without superuser
    /// rights, so row-level security applies as in production.
    func startPostgres() async throws -> PrivatePostgresServer {
        log("starting a private PostgreSQL server")
        let server = try await PrivatePostgresServer.start(durable: true)
        try await server.createRole(Databases.role, attributes: "LOGIN NOSUPERUSER NOBYPASSRLS")
        return server
    }

    /// Makes the two databases of one backend.
    struct Databases {
        static let role = "portal_bench"
        let backend: BenchDatabase.Backend
        let suite: BenchSuite
        let postgres: PrivatePostgresServer?

        func make(_ name: String) async throws -> BenchDatabase {
            switch backend {
            case .sqlite:
                return BenchDatabase.sqlite(at: "\(suite.options.workDirectory)/\(name).sqlite")
            case .postgres:
                guard let postgres else { throw PortalError.unavailable("No PostgreSQL server.") }
                let url = try await postgres.createDatabase(named: name, owner: Self.role)
                return BenchDatabase(backend: .postgres, url: url)
            }
        }
    }

    func measure(_ databases: Databases) async throws -> BackendReport {
        let backend = databases.backend.rawValue
        let options = self.options
        var result = BackendReport(backend: databases.backend)

        // The full data set: portal, growth, the large billing run, payments, numbering.
        let full = try await databases.make("bench_full")
        let (data, seedSeconds) = try await seed(full, shape: options.shape, label: "\(backend) full")
        result.seedSeconds = seedSeconds

        log("\(backend): starting the server")
        var server = try await ServerUnderTest.start(binary: options.binaries + "/portal-http", environment: full.environment)
        result.startupSeconds = server.startupSeconds
        try await Task.sleep(for: .seconds(2))
        result.idleResidentBytes = server.residentBytes()
        log("\(backend): portal view and /healthz under load (\(options.load.seconds) s each)")
        result.portal = try await PortalViewMeasurement(load: options.load, growthLoad: options.growthLoad)
            .run(port: server.port, data: data)
        try await server.stop()

        log("\(backend): billing run of \(options.shape.subscriptions) subscriptions")
        let cli = options.binaries + "/portal-cli"
        result.largeBillingRun = try await BillingRunMeasurement(cli: cli, database: full)
            .run(date: data.runDate, subscriptions: options.shape.subscriptions, tenants: data.tenants)

        log("\(backend): payments through the API")
        server = try await ServerUnderTest.start(binary: options.binaries + "/portal-http", environment: full.environment)
        let port = server.port
        result.payments = try await full.withKernel { assembled in
            try await options.payments.run(port: port, tenants: data.tenants, database: assembled.portal.database)
        }
        try await server.stop()
        if let payments = result.payments, let first = payments.firstError {
            log("\(backend): payments answered \(payments.statuses); the first unexpected answer: \(first)")
        }

        log("\(backend): numbering under contention")
        let numberingTenant = data.tenants[data.tenants.count > 1 ? 1 : 0]
        result.numbering = try await full.withKernel { assembled in
            try await options.numbering.run(tenant: numberingTenant, assembled: assembled.portal, on: data.runDate)
        }

        // The smaller billing run, on a data set of its own.
        let small = try await databases.make("bench_small")
        var smallShape = options.shape
        smallShape.subscriptions = options.smallBillingRun
        smallShape.engagements = 0
        smallShape.growthDeliverables = []
        let (smallData, _) = try await seed(small, shape: smallShape, label: "\(backend) small")
        log("\(backend): billing run of \(options.smallBillingRun) subscriptions")
        result.smallBillingRun = try await BillingRunMeasurement(cli: cli, database: small)
            .run(date: smallData.runDate, subscriptions: options.smallBillingRun, tenants: smallData.tenants)
        return result
    }

    /// Seeds `shape` into a new SQLite file at `location` (or the PostgreSQL database a
    /// `postgres://` URL names), for measuring one path by hand.
    public static func seedOnly(
        _ location: String, shape: DataSetShape, log: @escaping @Sendable (String) -> Void
    ) async throws -> SeededDataSet {
        let database = location.hasPrefix("postgres")
            ? BenchDatabase(backend: .postgres, url: location) : BenchDatabase.sqlite(at: location)
        return try await BenchSuite(options: Options(), log: log).seed(database, shape: shape, label: "seed").0
    }

    func seed(_ database: BenchDatabase, shape: DataSetShape, label: String) async throws -> (SeededDataSet, Double) {
        log("\(label): migrating and seeding")
        try await database.migrate()
        let clock = ContinuousClock()
        let started = clock.now
        let runDate = options.runDate
        let log = self.log
        let data = try await database.withKernel { assembled in
            try await DataSetSeeder.seed(shape, runDate: runDate, into: assembled) { line in log("\(label): \(line)") }
        }
        return (data, (clock.now - started).seconds)
    }
}

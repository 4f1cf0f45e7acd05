import Foundation
import Logging
import PortalBcrypt
import PortalBlocking
import PortalKernel
import PortalPostgres
import PortalSQLite
import PortalTesting
import Testing

/// The storage backends every behavioural identity test runs on.
///
/// ```swift
/// @Test(arguments: StorageBackend.allCases)
/// func somethingWorks(_ backend: StorageBackend) async throws {
///     try await IdentityFixture.with(backend) { fixture in … }
/// }
/// ```
enum StorageBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A fresh, migrated database with an ``IdentityContext`` around it, a ``ManualClock``, a real
/// (cheap) bcrypt hasher, an AES-GCM secret box with a generated key, a job queue and one tenant.
///
/// On PostgreSQL the fixture migrates as the test database's owner (``TestPostgres``), then
/// connects as a role of its own that may only read and write rows (no `SUPERUSER`, no
/// `BYPASSRLS`, owning nothing), so row-level security applies exactly as in production: a use
/// case that forgets its tenant scope sees nothing and fails its test.
///
/// Use ``with(_:settings:tenant:_:)``, which closes the database afterwards:
///
/// ```swift
/// try await IdentityFixture.with(.postgres) { fixture in
///     let ana = try await fixture.createUser(email: "ana@example.com", password: IdentityFixture.password)
///     let result = try await Authenticator(context: fixture.context).login(fixture.loginRequest(ana.email))
/// }
/// ```
struct IdentityFixture: Sendable {
    /// A password that meets ``PasswordRules``.
    static let password = "correct horse battery"
    /// The instant every fixture's clock starts at.
    static let start = Instant(iso8601: "2026-03-02T09:00:00Z")!

    let backend: StorageBackend
    let database: any Database
    /// The fixture's clock; tests move it with `advance(by:)`.
    let clock: FixtureClock
    let secretBox: AESGCMSecretBox
    let jobs: JobQueue
    let context: IdentityContext
    /// The tenant created for the test.
    let tenant: Tenant
    /// An operator of ``tenant`` (staff rights), for setting things up.
    let operatorPrincipal: Principal
    private let cleanup: @Sendable () async -> Void

    /// The migrations every fixture database gets: the kernel's schema.
    static let migrations = PortalSchema.migrations

    /// Runs `body` with a fresh fixture on `backend` and closes its database afterwards, also
    /// when `body` throws.
    static func with<Result>(
        _ backend: StorageBackend, settings: IdentitySettings = IdentitySettings(),
        tenant: NewTenant = NewTenant(name: "Acme Digital", slug: "acme"),
        _ body: (IdentityFixture) async throws -> Result
    ) async throws -> Result {
        let fixture = try await make(backend, settings: settings, tenant: tenant)
        do {
            let result = try await body(fixture)
            await fixture.close()
            return result
        } catch {
            await fixture.close()
            throw error
        }
    }

    /// A fresh fixture; call ``close()`` when done (or use ``with(_:settings:tenant:_:)``).
    static func make(
        _ backend: StorageBackend, settings: IdentitySettings = IdentitySettings(),
        tenant newTenant: NewTenant = NewTenant(name: "Acme Digital", slug: "acme")
    ) async throws -> IdentityFixture {
        let clock = FixtureClock(ManualClock(now: start))
        let (database, cleanup) = try await openDatabase(backend, clock: clock)
        do {
            let secretBox = AESGCMSecretBox(keyring: try SecretKeyring.generate())
            let jobs = JobQueue(database: database, clock: clock)
            let hasher = try BcryptPasswordHasher(cost: BcryptPasswordHasher.costRange.lowerBound, pool: hashingPool)
            let context = IdentityContext(
                database: database, clock: clock, passwordHasher: hasher, secretBox: secretBox, jobs: jobs, settings: settings)
            let tenant = try await Tenants(context: context).create(newTenant, operatorName: "fixture")
            return IdentityFixture(
                backend: backend, database: database, clock: clock, secretBox: secretBox, jobs: jobs, context: context,
                tenant: tenant, operatorPrincipal: .operator(tenant: tenant.id, name: "fixture"), cleanup: cleanup)
        } catch {
            await cleanup()
            throw error
        }
    }

    /// Closes the database and removes its files.
    func close() async {
        await cleanup()
    }

    // MARK: Setting things up

    /// Creates a user of ``tenant`` as the operator. `kind` is `staff`, `client`, `developer` or `agency_admin`.
    @discardableResult
    func createUser(
        email: String, name: String = "Test User", kind: UserKind = .staff, password: String? = IdentityFixture.password
    ) async throws -> User {
        try await Users(context: context).create(
            NewUser(email: email, name: name, kind: kind.rawValue, password: password), by: operatorPrincipal)
    }

    /// Creates another tenant (for isolation tests).
    func createTenant(slug: String, name: String = "Other Tenant") async throws -> Tenant {
        try await Tenants(context: context).create(NewTenant(name: name, slug: slug), operatorName: "fixture")
    }

    /// The same fixture seen from another tenant: same database, clock and keys.
    func switching(to tenant: Tenant) -> IdentityFixture {
        IdentityFixture(
            backend: backend, database: database, clock: clock, secretBox: secretBox, jobs: jobs, context: context,
            tenant: tenant, operatorPrincipal: .operator(tenant: tenant.id, name: "fixture"), cleanup: {})
    }

    /// A principal for `user` as the kernel would build it for a request (no memberships
    /// loaded: use the sign-in flow when memberships matter).
    func principal(for user: User, credential: Principal.Credential = .flow) -> Principal {
        Principal(
            tenantId: user.tenantId, actor: .user(id: user.id, kind: user.kind, email: user.email, credential: credential),
            agencyId: user.agencyId, origin: RequestOrigin(address: "192.0.2.10", requestId: "test", userAgent: "tests"))
    }

    /// The request origin tests use unless they need another address.
    static let origin = RequestOrigin(address: "192.0.2.10", requestId: "test", userAgent: "tests")

    // MARK: Looking at storage

    /// Rows of `statement`, read with `scope` (every tenant by default).
    func query(_ statement: SQLStatement, scope: TransactionOptions = .allTenants) async throws -> [SQLRow] {
        try await database.read(scope) { connection in try connection.query(statement) }
    }

    /// The single value of `statement` (a count, say), read across tenants.
    func scalar<Value: SQLDecodable & Sendable>(_ statement: SQLStatement, as type: Value.Type = Value.self) async throws -> Value? {
        try await database.read(.allTenants) { connection in try connection.queryScalar(statement, as: Value.self) }
    }

    /// Runs `statement` in a write transaction across tenants (to age a row, say).
    @discardableResult
    func execute(_ statement: SQLStatement) async throws -> Int {
        try await database.write(.allTenants) { connection in try connection.execute(statement) }
    }

    /// The tables of the database that hold rows whose text contains `needle`, searching every
    /// table and column (to prove a secret was never stored in clear).
    func tablesContaining(_ needle: String) async throws -> [String] {
        let listing: SQLStatement =
            backend == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
        return try await database.read(.allTenants) { connection in
            var found: [String] = []
            for table in try connection.query(listing).map({ try $0.get("name", as: String.self) }) {
                var hit = false
                try connection.forEachRow("SELECT * FROM \(raw: "\"" + table + "\"")") { row in
                    for value in row.values where !hit {
                        switch value {
                        case .text(let text): hit = text.contains(needle)
                        case .blob(let bytes): hit = String(decoding: bytes, as: UTF8.self).contains(needle)
                        default: break
                        }
                    }
                }
                if hit { found.append(table) }
            }
            return found
        }
    }

    /// The actions of the tenant's audit events, in order.
    func auditActions(tenant: TenantID? = nil) async throws -> [String] {
        try await query("SELECT action FROM audit_events WHERE tenant_id = \(tenant ?? self.tenant.id) ORDER BY sequence")
            .map { try $0.get("action", as: String.self) }
    }

    /// Checks the tenant's audit chain holds.
    func expectAuditChainIntact(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let verification = try await AuditVerifier.verify(tenant: tenant.id, on: database)
        #expect(verification.isIntact, "audit chain broken: \(String(describing: verification.firstBreak))", sourceLocation: sourceLocation)
    }

    /// The queued jobs of `kind`.
    func jobs(kind: String) async throws -> [SQLRow] {
        try await query("SELECT * FROM jobs WHERE kind = \(kind) ORDER BY created_at, id")
    }

    // MARK: Databases

    /// bcrypt at its lowest cost: real hashes, milliseconds each. One pool for the test process.
    static let hashingPool = BlockingThreadPool(name: "identity-tests-bcrypt", threads: 4)

    static let logger = Logger(label: "portal.tests.identity", factory: { _ in SwiftLogNoOpLogHandler() })

    private static func openDatabase(
        _ backend: StorageBackend, clock: FixtureClock
    ) async throws -> (any Database, @Sendable () async -> Void) {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("portal-identity-tests-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let database: SQLiteDatabase
            do {
                database = try await SQLiteDatabase.open(
                    configuration: SQLiteConfiguration(path: directory.appendingPathComponent("portal.db").path), logger: logger)
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
            let cleanup: @Sendable () async -> Void = {
                await database.close()
                try? FileManager.default.removeItem(at: directory)
            }
            do {
                _ = try await Migrator(migrations: migrations, clock: clock).migrate(database)
            } catch {
                await cleanup()
                throw error
            }
            return (database, cleanup)
        case .postgres:
            let adminURL = try await TestPostgres.freshDatabaseURL()
            let admin = try PostgresDatabase(configuration: PostgresConfiguration(url: adminURL, poolSize: 2), logger: logger)
            let appURL: String?
            do {
                _ = try await Migrator(migrations: migrations, clock: clock).migrate(admin)
                appURL = try await restrictedRoleURL(adminURL, on: admin)
            } catch {
                await admin.close()
                throw error
            }
            guard let appURL else { return (admin, { await admin.close() }) }
            await admin.close()
            let database = try PostgresDatabase(configuration: PostgresConfiguration(url: appURL, poolSize: 4), logger: logger)
            return (database, { await database.close() })
        }
    }

    /// Creates a login role without `SUPERUSER` or `BYPASSRLS` that may use the test database's
    /// tables, and returns `adminURL` with its `user=` replaced by that role; `nil` when the URL
    /// names its user some other way (an external server), in which case tests run as the admin.
    private static func restrictedRoleURL(_ adminURL: String, on admin: PostgresDatabase) async throws -> String? {
        guard let range = adminURL.range(of: #"([?&])user=[^&]*"#, options: .regularExpression) else { return nil }
        let role = "portal_app_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await admin.write { connection in
            try connection.executeScript(
                """
                CREATE ROLE \(role) LOGIN NOSUPERUSER NOBYPASSRLS;
                GRANT USAGE ON SCHEMA public TO \(role);
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role);
                GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO \(role);
                """)
        }
        let separator = adminURL[range].first.map(String.init) ?? "?"
        return adminURL.replacingCharacters(in: range, with: "\(separator)user=\(role)")
    }
}

/// A ``ManualClock`` as the fixture hands it out. The type belongs to this test module, so test
/// files can read and move the clock without importing `PortalTesting` themselves.
struct FixtureClock: WallClock {
    let manual: ManualClock

    init(_ manual: ManualClock) {
        self.manual = manual
    }

    func now() -> Instant { manual.now() }

    /// Moves time forward (or back, with a negative duration).
    func advance(by duration: Duration) { manual.advance(by: duration) }

    /// Jumps to `instant`.
    func set(_ instant: Instant) { manual.set(instant) }
}

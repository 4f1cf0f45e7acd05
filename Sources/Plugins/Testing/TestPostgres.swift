import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PostgreSQL for tests: a new, empty database per call, on one server per test process.
///
/// ```swift
/// let url = try await TestPostgres.freshDatabaseURL()
/// let database = try PostgresDatabase(configuration: PostgresConfiguration(url: url), logger: logger)
/// ```
///
/// The first call starts a ``PrivatePostgresServer`` (a second or two), and the process stops
/// it and deletes its directory when it exits (`atexit`), so `swift test` needs nothing running.
/// To use an existing server instead, set `PORTAL_TEST_POSTGRES_URL` to a URL for a role that
/// may create databases (for example `postgresql://postgres@localhost:5432/postgres`); test
/// databases are then created there and left behind.
///
/// This is the one piece of process-wide state in the test kit: a lazily started server,
/// shared by every test in the process because starting one per test would be slow.
public enum TestPostgres {
    /// The role test databases on the private server belong to. `CREATEROLE` lets tests make
    /// narrower roles of their own.
    public static let applicationRole = "portal_app"

    /// The environment variable naming an existing server's admin URL.
    public static let adminURLVariable = "PORTAL_TEST_POSTGRES_URL"

    /// Creates an empty database named `portal_test_…` and returns its URL.
    ///
    /// On the private server the database is owned by, and the URL connects as, the role
    /// ``applicationRole``: not a superuser and without `BYPASSRLS`, like a production
    /// deployment's role, so PostgreSQL's row-level security applies to every test.
    public static func freshDatabaseURL() async throws -> String {
        let name = "portal_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        switch try await backend.value {
        case .private(let server):
            return try await server.createDatabase(named: name, owner: applicationRole)
        case .external(let adminURL, let tools):
            try await PrivatePostgresServer.createDatabase(named: name, adminURL: adminURL, tools: tools)
            return url(adminURL, replacingDatabaseWith: name)
        }
    }

    /// Where test databases are created.
    private enum Backend: Sendable {
        case `private`(PrivatePostgresServer)
        case external(adminURL: String, tools: PrivatePostgresServer.Tools)
    }

    /// Started on first use (Swift initialises static properties lazily, exactly once).
    private static let backend = Task<Backend, any Error> {
        if let adminURL = ProcessInfo.processInfo.environment[adminURLVariable], !adminURL.isEmpty {
            return .external(adminURL: adminURL, tools: try PrivatePostgresServer.Tools.locate())
        }
        let server = try await PrivatePostgresServer.start()
        ServerToStopAtExit.shared.set(server)
        atexit { ServerToStopAtExit.shared.stop() }
        try await server.createRole(applicationRole, attributes: "LOGIN NOSUPERUSER NOBYPASSRLS CREATEROLE")
        return .private(server)
    }

    /// `adminURL` with its database name (the URL path) replaced by `database`.
    static func url(_ adminURL: String, replacingDatabaseWith database: String) -> String {
        guard let schemeEnd = adminURL.range(of: "://") else { return adminURL }
        let afterScheme = adminURL[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        let rest = afterScheme[authorityEnd...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(adminURL[..<authorityEnd]) + "/" + database + query
    }
}

/// The private server the `atexit` handler stops; guarded by `lock` because the handler runs
/// on whichever thread calls `exit`.
private final class ServerToStopAtExit: @unchecked Sendable {  // `server` guarded by `lock`
    static let shared = ServerToStopAtExit()
    private let lock = NSLock()
    private var server: PrivatePostgresServer?

    func set(_ server: PrivatePostgresServer) {
        lock.withLock { self.server = server }
    }

    func stop() {
        let server = lock.withLock {
            defer { self.server = nil }
            return self.server
        }
        server?.stop()
    }
}

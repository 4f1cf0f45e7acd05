import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throw-away PostgreSQL server for tests, in a temporary directory, reachable only through
/// a Unix socket in that directory (and, when asked, on a loopback TCP port).
///
/// ```swift
/// let server = try await PrivatePostgresServer.start()
/// defer { server.stop() }
/// let url = try await server.createDatabase(named: "orders_test")
/// let database = try PostgresDatabase(configuration: PostgresConfiguration(url: url), logger: logger)
/// ```
///
/// It runs the installed server binaries (found through `PORTAL_PG_BINDIR`, then
/// `/usr/lib/postgresql/<version>/bin`, then `PATH`) with `initdb -A trust` and, unless started
/// `durable`, durability turned off (`fsync`, `synchronous_commit`, `full_page_writes`): fast,
/// and only for tests. Benchmarks start it durable, with PostgreSQL's own defaults.
/// When the test process runs as root, the server runs as the `postgres` OS user
/// (`runuser -u postgres --`), because PostgreSQL refuses to run as root.
/// Most tests want ``TestPostgres/freshDatabaseURL()`` instead, which shares one server per process.
public final class PrivatePostgresServer: Sendable {
    /// The temporary directory holding the data directory, the socket and the server log.
    public let directory: String
    /// The directory of the server's Unix socket.
    public var socketDirectory: String { directory }
    /// The port number (it names the Unix socket, and is the TCP port when listening on loopback).
    public let port: Int
    /// Whether the server also listens on `127.0.0.1`.
    public let listensOnLoopback: Bool
    /// A URL for the `postgres` superuser on the `postgres` database, through the Unix socket.
    public var adminURL: String { url(database: "postgres") }

    private let tools: Tools
    private let serverArguments: [String]

    private var dataDirectory: String { directory + "/data" }
    private var logFile: String { directory + "/server.log" }

    private init(directory: String, port: Int, listensOnLoopback: Bool, durable: Bool, tools: Tools) {
        self.directory = directory
        self.port = port
        self.listensOnLoopback = listensOnLoopback
        self.tools = tools
        self.serverArguments = [
            "-D", directory + "/data", "-k", directory, "-p", String(port),
            "-c", "listen_addresses=" + (listensOnLoopback ? "127.0.0.1" : ""),
            "-c", "max_connections=300",
        ] + (durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"])
    }

    /// Creates a data directory, starts a server on it and waits until it accepts connections.
    ///
    /// - Parameters:
    ///   - listenOnLoopback: also listen on `127.0.0.1` (for tests that need TCP, such as
    ///     `sslmode`, which libpq ignores on Unix sockets).
    ///   - durable: keep PostgreSQL's default durability (every commit flushed to disk).
    public static func start(listenOnLoopback: Bool = false, durable: Bool = false) async throws -> PrivatePostgresServer {
        let tools = try Tools.locate()
        let directory = try makeTemporaryDirectory(owner: tools.serverUser)
        do {
            let initdb = try await tools.run(
                tools.binary("initdb"),
                ["-D", directory + "/data", "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"],
                asServerUser: true, in: directory)
            guard initdb.status == 0 else {
                throw PortalError.unavailable("initdb failed.", debugDetail: initdb.output)
            }
            var lastFailure = ""
            for _ in 0..<8 {
                let server = PrivatePostgresServer(
                    directory: directory, port: Int.random(in: 20_000...32_000), listensOnLoopback: listenOnLoopback,
                    durable: durable, tools: tools)
                if try await server.launch() { return server }
                // Most likely the TCP port was taken: try another.
                lastFailure = server.logTail()
            }
            throw PortalError.unavailable("The private PostgreSQL server did not start.", debugDetail: lastFailure)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Creates an empty database and returns a URL for it that uses the Unix socket:
    /// `postgresql:///NAME?host=/socket/dir&port=N&user=postgres`.
    /// Names are limited to lowercase letters, digits and `_`.
    public func createDatabase(named name: String) async throws -> String {
        try await Self.createDatabase(named: name, adminURL: adminURL, tools: tools)
        return url(database: name)
    }

    /// Creates an empty database owned by `owner` and returns a URL that connects as `owner`.
    public func createDatabase(named name: String, owner: String) async throws -> String {
        try await Self.createDatabase(named: name, owner: owner, adminURL: adminURL, tools: tools)
        return url(database: name, user: owner)
    }

    /// Creates a role (`attributes` as in `CREATE ROLE`, for example `LOGIN NOSUPERUSER`).
    public func createRole(_ role: String, attributes: String) async throws {
        try Self.requireSimpleName(role)
        let result = try await tools.run(
            tools.binary("psql"),
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", adminURL, "-c", "CREATE ROLE \(role) \(attributes)"],
            asServerUser: false, in: NSTemporaryDirectory())
        guard result.status == 0 else {
            throw PortalError.unavailable("Could not create role \(role).", debugDetail: result.output)
        }
    }

    /// A URL for `database` through the Unix socket, as `user`.
    public func url(database: String, user: String = "postgres") -> String {
        "postgresql:///\(database)?host=\(directory)&port=\(port)&user=\(user)"
    }

    /// A URL for `database` over TCP on `127.0.0.1`, or `nil` unless started with `listenOnLoopback`.
    public func loopbackURL(database: String) -> String? {
        listensOnLoopback ? "postgresql://postgres@127.0.0.1:\(port)/\(database)" : nil
    }

    /// Stops the server (fast shutdown: open sessions are ended) and starts it again on the
    /// same directory and port, as a real server restart would.
    public func restart() async throws {
        let stopped = try await tools.run(
            tools.binary("pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "stop"], asServerUser: true,
            in: directory)
        guard stopped.status == 0 else {
            throw PortalError.unavailable("The private PostgreSQL server did not stop.", debugDetail: stopped.output)
        }
        guard try await launch() else {
            throw PortalError.unavailable("The private PostgreSQL server did not start again.", debugDetail: logTail())
        }
    }

    /// Stops the server (fast shutdown) and deletes its directory. Blocks until done; safe to
    /// call more than once.
    public func stop() {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            _ = tools.runAndWait(
                tools.binary("pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "stop"], asServerUser: true,
                in: directory)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts `postgres` as a child process and waits until it accepts connections; `false`
    /// when it exits first (its log says why).
    ///
    /// The server runs as a direct child rather than through `pg_ctl start`, because
    /// Foundation's `Process` learns that a command ended only when every process holding its
    /// descriptors has exited, and a server daemonised by `pg_ctl` would keep them open.
    private func launch() async throws -> Bool {
        if !FileManager.default.fileExists(atPath: logFile) {
            _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        _ = try? log.seekToEnd()
        let process = tools.process(tools.binary("postgres"), serverArguments, asServerUser: true, in: directory)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
            try? log.close()
        } catch {
            try? log.close()
            throw PortalError.unavailable("Could not run postgres.", debugDetail: "\(error)")
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if isAcceptingConnections() { return true }
            guard process.isRunning else { return false }
            try await Task.sleep(for: .milliseconds(25))
        }
        process.terminate()
        return false
    }

    /// Whether the postmaster reports itself ready (line 8 of `postmaster.pid`, as `pg_ctl -w` checks).
    private func isAcceptingConnections() -> Bool {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else {
            return false
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count >= 8 && lines[7].trimmingCharacters(in: .whitespaces) == "ready"
    }

    /// The end of the server log, for error reports.
    private func logTail() -> String {
        guard let text = try? String(contentsOfFile: logFile, encoding: .utf8) else { return "" }
        return String(text.suffix(2000))
    }

    /// Creates database `name` on the server at `adminURL` (any server `psql` can reach).
    static func createDatabase(named name: String, owner: String? = nil, adminURL: String, tools: Tools) async throws {
        try requireSimpleName(name)
        if let owner { try requireSimpleName(owner) }
        let result = try await tools.run(
            tools.binary("psql"),
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", adminURL, "-c", "CREATE DATABASE \(name)" + (owner.map { " OWNER \($0)" } ?? "")],
            asServerUser: false, in: NSTemporaryDirectory())
        guard result.status == 0 else {
            throw PortalError.unavailable("Could not create test database \(name).", debugDetail: result.output)
        }
    }

    /// Refuses names that would need quoting in SQL.
    static func requireSimpleName(_ name: String) throws {
        guard !name.isEmpty, name.count < 64,
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw PortalError.invalid("Use lowercase letters, digits and _ for test database and role names.", field: "name")
        }
    }

    /// `mkdtemp` under `/tmp` (kept short: Unix socket paths are limited to about 100 bytes),
    /// handed to `owner` when given.
    private static func makeTemporaryDirectory(owner: String?) throws -> String {
        var template = Array("/tmp/portal-pg-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let path = created else {
            throw PortalError.unavailable("Could not create a directory for PostgreSQL.", debugDetail: "mkdtemp failed")
        }
        if let owner {
            guard let account = getpwnam(owner), chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                try? FileManager.default.removeItem(atPath: path)
                throw PortalError.unavailable(
                    "Could not hand the PostgreSQL directory to the \(owner) user.",
                    debugDetail: "getpwnam/chown failed for \(owner)")
            }
        }
        return path
    }
}

import Foundation
import Logging
import PortalKernel
import PortalPostgres
import PortalTesting

/// Shared helpers for the PostgreSQL adapter's tests.
enum PostgresTestSupport {
    /// A logger that drops everything (the adapter's logging is not under test here).
    static let logger = Logger(label: "portal.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A ``PostgresDatabase`` on a fresh, empty database of the process's test server.
    static func freshDatabase(
        poolSize: Int = 4, statementTimeout: Duration? = .seconds(30)
    ) async throws -> PostgresDatabase {
        let url = try await TestPostgres.freshDatabaseURL()
        return try PostgresDatabase(
            configuration: PostgresConfiguration(url: url, poolSize: poolSize, statementTimeout: statementTimeout),
            logger: logger)
    }

    /// Runs `body` with a fresh database and closes it afterwards, also when `body` throws.
    static func withFreshDatabase(
        poolSize: Int = 4, statementTimeout: Duration? = .seconds(30),
        _ body: (PostgresDatabase) async throws -> Void
    ) async throws {
        let database = try await freshDatabase(poolSize: poolSize, statementTimeout: statementTimeout)
        do {
            try await body(database)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}

/// Counts calls across threads (transaction bodies run on the adapter's threads).
final class PostgresTestCounter: @unchecked Sendable {  // `values` guarded by `lock`
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    func increment(_ key: String) {
        lock.withLock { values[key, default: 0] += 1 }
    }

    func value(_ key: String) -> Int {
        lock.withLock { values[key, default: 0] }
    }
}

/// A log handler that keeps every message and its metadata, rendered as text, for assertions.
struct PostgresCapturingLogHandler: LogHandler {
    /// The rendered log lines, shared by every copy of the handler.
    final class Lines: @unchecked Sendable {  // `lines` guarded by `lock`
        private let lock = NSLock()
        private var lines: [String] = []

        func append(_ line: String) {
            lock.withLock { lines.append(line) }
        }

        var all: [String] {
            lock.withLock { lines }
        }
    }

    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        lines.append("\(event.level) \(event.message) \(merged)")
    }
}

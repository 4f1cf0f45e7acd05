import PortalKernel

/// How ``PostgresDatabase`` reaches a PostgreSQL server and how it uses it.
///
/// Every setting except the URL has a production default:
///
/// ```swift
/// let configuration = PostgresConfiguration(url: "postgresql://portal@db.internal/portal?sslmode=verify-full")
/// let database = try PostgresDatabase(configuration: configuration, logger: logger)
/// ```
///
/// The URL is handed to libpq unchanged, so everything libpq understands in a
/// `postgres://` or `postgresql://` URL works: user, password, host (a Unix-socket directory
/// with `?host=/run/postgresql`), port, database name, `sslmode` and the other query options.
/// ``description`` and logs show the URL with its password masked.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// A `postgres://` or `postgresql://` connection URL.
    public var url: String
    /// The most connections open at once (and the number of worker threads).
    public var poolSize: Int
    /// The longest a single statement may run before the server cancels it; `nil` for no limit.
    public var statementTimeout: Duration?
    /// The longest opening a connection may take (libpq rounds to whole seconds, at least 2).
    public var connectTimeout: Duration
    /// The name the server shows for these connections (`pg_stat_activity.application_name`).
    public var applicationName: String

    /// Creates a configuration; only `url` is required.
    public init(
        url: String,
        poolSize: Int = 10,
        statementTimeout: Duration? = .seconds(30),
        connectTimeout: Duration = .seconds(5),
        applicationName: String = "portal"
    ) {
        self.url = url
        self.poolSize = poolSize
        self.statementTimeout = statementTimeout
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
    }

    /// The settings with the URL's password masked.
    public var description: String {
        "PostgresConfiguration(url: \(PostgresURL.redacted(url)), poolSize: \(poolSize), "
            + "statementTimeout: \(statementTimeout.map { "\($0)" } ?? "none"), connectTimeout: \(connectTimeout), "
            + "applicationName: \(applicationName))"
    }

    /// Mirrors the settings with the URL's password masked, so `dump` cannot leak it either.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": PostgresURL.redacted(url), "poolSize": poolSize, "statementTimeout": statementTimeout as Any,
                "connectTimeout": connectTimeout, "applicationName": applicationName,
            ])
    }

    /// Throws `invalid` naming the setting at fault.
    func validate() throws {
        try PostgresURL.validate(url)
        guard poolSize > 0 else {
            throw PortalError.invalid("The database pool size must be at least 1.", field: "database.pool_size")
        }
    }

    /// `connect_timeout` for libpq: whole seconds, rounded up.
    var connectTimeoutSeconds: Int {
        let micros = connectTimeout.microseconds
        return micros <= 0 ? 0 : Int((micros + 999_999) / 1_000_000)
    }

    /// `statement_timeout` in milliseconds; 0 turns the limit off.
    var statementTimeoutMilliseconds: Int64 {
        guard let statementTimeout else { return 0 }
        return max(1, (statementTimeout.microseconds + 999) / 1000)
    }
}

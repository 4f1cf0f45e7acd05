import Logging

/// The assembled kernel: the configured ports and the services built on them.
///
/// The executables build one through `PortalAssembly` from configuration; an embedder can
/// build one directly from its own port implementations:
///
/// ```swift
/// let portal = Portal(
///     database: try SQLiteDatabase(configuration: .init(path: "app.sqlite"), logger: logger),
///     secretBox: AESGCMSecretBox(keyring: keyring),
///     httpTransport: CurlHTTPTransport(logger: logger),
///     logger: logger)
/// try await portal.migrator.migrate(portal.database)
/// ```
public struct Portal: Sendable {
    public let database: any Database
    public let clock: any WallClock
    public let secretBox: any SecretBox
    public let httpTransport: any HTTPTransport
    public let smtpTransport: (any SMTPTransport)?
    /// The optional plugins: payment gateways, mailer, code hosts, document renderer.
    public let plugins: PortalPlugins
    public let jobs: JobQueue
    public let logger: Logger

    public init(
        database: any Database,
        clock: any WallClock = SystemClock(),
        secretBox: any SecretBox,
        httpTransport: any HTTPTransport,
        smtpTransport: (any SMTPTransport)? = nil,
        plugins: PortalPlugins = PortalPlugins(),
        jobRetryPolicy: RetryPolicy = RetryPolicy(),
        jobMaxAttempts: Int = 8,
        logger: Logger
    ) {
        self.database = database
        self.clock = clock
        self.secretBox = secretBox
        self.httpTransport = httpTransport
        self.smtpTransport = smtpTransport
        self.plugins = plugins
        self.jobs = JobQueue(
            database: database, clock: clock, retryPolicy: jobRetryPolicy, defaultMaxAttempts: jobMaxAttempts)
        self.logger = logger
    }

    /// Applies the kernel's schema.
    public var migrator: Migrator { Migrator(migrations: PortalSchema.migrations, clock: clock) }

    /// The job handlers the kernel itself provides.
    public var jobHandlers: [any JobHandler] {
        [JobMaintenance(queue: jobs, clock: clock)]
    }
}

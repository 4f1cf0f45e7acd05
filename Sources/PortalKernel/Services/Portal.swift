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
    public let passwordHasher: any PasswordHasher
    public let httpTransport: any HTTPTransport
    public let smtpTransport: (any SMTPTransport)?
    /// The optional plugins: payment gateways, mailer, code hosts, document renderer.
    public let plugins: PortalPlugins
    public let jobs: JobQueue
    public let logger: Logger
    /// Sign-in, session and invitation settings.
    public let identitySettings: IdentitySettings

    public init(
        database: any Database,
        clock: any WallClock = SystemClock(),
        secretBox: any SecretBox,
        passwordHasher: any PasswordHasher,
        httpTransport: any HTTPTransport,
        smtpTransport: (any SMTPTransport)? = nil,
        plugins: PortalPlugins = PortalPlugins(),
        identity: IdentitySettings = IdentitySettings(),
        jobRetryPolicy: RetryPolicy = RetryPolicy(),
        jobMaxAttempts: Int = 8,
        logger: Logger
    ) {
        self.database = database
        self.clock = clock
        self.secretBox = secretBox
        self.passwordHasher = passwordHasher
        self.identitySettings = identity
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
        [
            JobMaintenance(queue: jobs, clock: clock), OutgoingEmailHandler(mailer: plugins.mailer, secretBox: secretBox),
            BillingDailyJob(context: billing.context), TenantBillingJob(context: billing.context),
        ]
    }
}

extension Portal {
    /// The identity use cases: tenants, users, companies, contacts, memberships, invitations,
    /// sign-in, API tokens and the audit trail.
    public var identity: IdentityServices {
        IdentityServices(context: IdentityContext(
            database: database, clock: clock, passwordHasher: passwordHasher, secretBox: secretBox, jobs: jobs,
            settings: identitySettings))
    }
}

extension Portal {
    /// The billing use cases: tax rates, invoices, credit notes, payments, plans, subscriptions,
    /// credits, contract billing, billing runs, reminders and reports.
    public var billing: BillingServices {
        BillingServices(context: BillingContext(
            database: database, clock: clock, secretBox: secretBox, jobs: jobs, plugins: plugins,
            emailFrom: identitySettings.emailFrom, publicURL: identitySettings.publicURL))
    }
}

extension Portal {
    /// The engagement use cases: contract documents and e-signature, proposals, deliverables,
    /// the client portal view and its shareable links.
    public var engagements: EngagementServices { EngagementServices(context: billing.context) }
}

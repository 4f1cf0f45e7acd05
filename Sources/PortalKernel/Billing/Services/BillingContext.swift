/// What the billing use cases need from the assembled kernel.
public struct BillingContext: Sendable {
    public let database: any Database
    public let clock: any WallClock
    public let secretBox: any SecretBox
    public let jobs: JobQueue
    /// Payment gateways and the document renderer.
    public let plugins: PortalPlugins
    /// The sender of billing emails.
    public let emailFrom: MailerAddress
    /// The portal's public base URL, for links in emails.
    public let publicURL: String

    public init(
        database: any Database, clock: any WallClock, secretBox: any SecretBox, jobs: JobQueue, plugins: PortalPlugins,
        emailFrom: MailerAddress = IdentitySettings().emailFrom, publicURL: String = IdentitySettings().publicURL
    ) {
        self.database = database
        self.clock = clock
        self.secretBox = secretBox
        self.jobs = jobs
        self.plugins = plugins
        self.emailFrom = emailFrom
        self.publicURL = publicURL
    }

    /// The current time.
    var now: Instant { clock.now() }

    /// Today in `tenant`'s time zone.
    func today(for tenant: Tenant) -> LocalDate { tenant.timeZone.localDate(of: now) }
}

/// What the identity use cases need from the assembled kernel.
public struct IdentityContext: Sendable {
    public let database: any Database
    public let clock: any WallClock
    public let passwordHasher: any PasswordHasher
    public let secretBox: any SecretBox
    public let jobs: JobQueue
    public let settings: IdentitySettings

    public init(
        database: any Database, clock: any WallClock, passwordHasher: any PasswordHasher, secretBox: any SecretBox,
        jobs: JobQueue, settings: IdentitySettings = IdentitySettings()
    ) {
        self.database = database
        self.clock = clock
        self.passwordHasher = passwordHasher
        self.secretBox = secretBox
        self.jobs = jobs
        self.settings = settings
    }

    /// The current time, truncated to what both databases store (microseconds).
    var now: Instant { clock.now() }
}

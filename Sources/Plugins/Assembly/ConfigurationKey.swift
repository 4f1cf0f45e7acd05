/// One key of Portal's own configuration (plugins declare theirs with `PluginSetting`).
public struct ConfigurationKey: Sendable, Hashable {
    public let key: String
    public let summary: String
    public let defaultValue: String?
    public let isSecret: Bool

    public init(_ key: String, _ summary: String, default defaultValue: String? = nil, secret: Bool = false) {
        self.key = key
        self.summary = summary
        self.defaultValue = defaultValue
        self.isSecret = secret
    }

    /// The environment variable that overrides this key: `database.url` → `PORTAL_DATABASE_URL`.
    public var environmentName: String { Self.environmentName(for: key) }

    public static func environmentName(for key: String) -> String {
        "PORTAL_" + key.uppercased().map { $0 == "." || $0 == "-" ? "_" : $0 }.map(String.init).joined()
    }

    /// Every core key, with its default. Keep the README's configuration table in step with this list.
    public static let core: [ConfigurationKey] = [
        ConfigurationKey("database.url", "sqlite:PATH (absolute as sqlite:///var/lib/portal.sqlite) or postgres://user@host/db?sslmode=require", default: "sqlite:data/portal.sqlite"),
        ConfigurationKey("http.host", "Address the server listens on", default: "127.0.0.1"),
        ConfigurationKey("http.port", "Port the server listens on (0 picks a free one)", default: "8080"),
        ConfigurationKey("http.max_body_bytes", "Largest request body accepted", default: "1048576"),
        ConfigurationKey("http.public_url", "The address people reach Portal at, for links in emails", default: "http://127.0.0.1:8080"),
        ConfigurationKey("http.trusted_proxies", "Reverse proxies (IP addresses, comma-separated) whose X-Forwarded-For names the client"),
        ConfigurationKey("http.migrate_on_start", "Apply pending migrations when the server starts", default: "true"),
        ConfigurationKey("jobs.in_process", "Run job workers inside the HTTP server", default: "true"),
        ConfigurationKey("jobs.concurrency", "Jobs one worker runs at the same time", default: "4"),
        ConfigurationKey("jobs.poll_interval_ms", "Pause between polls of an empty queue", default: "1000"),
        ConfigurationKey("jobs.lease_seconds", "How long a claimed job is held before another worker may take it", default: "300"),
        ConfigurationKey("jobs.max_attempts", "Attempts before a job is dead", default: "8"),
        ConfigurationKey("log.level", "trace, debug, info, notice, warning, error or critical", default: "info"),
        ConfigurationKey("plugins.enabled", "Optional plugins to activate (payment gateways, mailers, code hosts), comma-separated"),
        ConfigurationKey("plugins.http_transport", "The HTTP transport plugin", default: "curl"),
        ConfigurationKey("plugins.smtp_transport", "The SMTP transport plugin", default: "curl-smtp"),
        ConfigurationKey("plugins.secret_box", "The secret-box plugin", default: "aes-gcm"),
        ConfigurationKey("plugins.password_hasher", "The password-hashing plugin", default: "bcrypt"),
        ConfigurationKey("mail.from", "Sender of invitation and password-reset emails", default: "Portal <no-reply@portal.localhost>"),
        ConfigurationKey("auth.session_idle_minutes", "A session ends after this long unused", default: "720"),
        ConfigurationKey("auth.session_max_hours", "A session ends after this long in any case", default: "336"),
        ConfigurationKey("auth.invitation_hours", "How long an invitation link is valid", default: "168"),
        ConfigurationKey("auth.password_reset_minutes", "How long a password-reset link is valid", default: "60"),
        ConfigurationKey("auth.max_failures_per_account", "Failed sign-ins per account before it is locked for the window", default: "5"),
        ConfigurationKey("auth.max_failures_per_address", "Failed sign-ins per client address before it is locked for the window", default: "30"),
        ConfigurationKey("auth.throttle_minutes", "The window failed sign-ins are counted in, and the lock's length", default: "15"),
    ]
}

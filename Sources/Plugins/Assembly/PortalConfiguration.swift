import Foundation
import Logging
import PortalKernel

/// Portal's configuration, typed and validated.
///
/// Load it with ``load(filePath:environment:overrides:registry:)``; every value is checked
/// there, so a bad value fails at start with `invalid` naming its key.
public struct PortalConfiguration: Sendable {
    public struct HTTP: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var maxBodyBytes: Int
        public var migrateOnStart: Bool
        /// Addresses of reverse proxies whose `X-Forwarded-For` names the real client.
        public var trustedProxies: Set<String> = []
    }

    public struct Jobs: Sendable, Hashable {
        public var inProcess: Bool
        public var worker: JobWorker.Configuration
        public var maxAttempts: Int
    }

    /// The merged raw values.
    public let source: ConfigurationSource
    public let database: DatabaseLocation
    public let http: HTTP
    public let jobs: Jobs
    public let logLevel: Logger.Level
    /// Optional plugins switched on by `plugins.enabled`.
    public let enabledPlugins: [String]
    public let httpTransportPlugin: String
    public let smtpTransportPlugin: String
    public let secretBoxPlugin: String
    public let passwordHasherPlugin: String
    /// Sign-in, session and invitation settings.
    public let identity: IdentitySettings

    /// Loads and validates configuration against the keys of Portal and of every plugin in `registry`.
    public static func load(
        filePath: String? = nil, environment: [String: String], overrides: [String: String] = [:], registry: PluginRegistry
    ) throws -> PortalConfiguration {
        var known: [String: Bool] = [:]
        var defaults: [String: String] = [:]
        for key in ConfigurationKey.core {
            known[key.key] = key.isSecret
            defaults[key.key] = key.defaultValue
        }
        for plugin in registry.all {
            for setting in plugin.settings {
                let full = "\(plugin.namespace).\(setting.key)"
                known[full] = setting.isSecret
                if let value = setting.defaultValue { defaults[full] = value }
            }
        }
        var source = try ConfigurationSource(
            filePath: filePath, environment: environment, overrides: overrides, knownKeys: known, defaults: defaults)
        if case .sqlite(let path) = try DatabaseLocation(url: source["database.url"] ?? ""), source["secrets.keys"] == nil {
            // A single-machine installation keeps its generated key beside the database file.
            let folder = (path as NSString).deletingLastPathComponent
            source.setDerivedDefault("secrets.local_key_file", folder.isEmpty ? "secret.keys" : folder + "/secret.keys")
        }
        return try PortalConfiguration(source: source, registry: registry)
    }

    init(source: ConfigurationSource, registry: PluginRegistry) throws {
        self.source = source
        func settings(_ namespace: String) -> PluginSettings {
            PluginSettings(namespace: namespace, values: source.values(under: namespace))
        }
        database = try DatabaseLocation(url: source["database.url"] ?? "")
        if database.hasInlinePassword, let origin = source.origins["database.url"], origin == .file || origin == .override {
            throw PortalError.invalid(
                "A database password is a secret: give the URL in PORTAL_DATABASE_URL, or the password in PGPASSWORD or a PGPASSFILE, not in the configuration file or on the command line.",
                field: "database.url")
        }
        let http = settings("http")
        self.http = HTTP(
            host: try http.requireString("host"),
            port: try http.int("port", default: 8080, range: 0...65535),
            maxBodyBytes: try http.int("max_body_bytes", default: 1 << 20, range: 1024...(1 << 30)),
            migrateOnStart: try http.bool("migrate_on_start", default: true),
            trustedProxies: try Self.addresses(http.string("trusted_proxies") ?? "", field: "http.trusted_proxies"))
        let jobs = settings("jobs")
        self.jobs = Jobs(
            inProcess: try jobs.bool("in_process", default: true),
            worker: JobWorker.Configuration(
                concurrency: try jobs.int("concurrency", default: 4, range: 1...256),
                pollInterval: .milliseconds(try jobs.int("poll_interval_ms", default: 1000, range: 10...3_600_000)),
                lease: .seconds(try jobs.int("lease_seconds", default: 300, range: 5...86_400))),
            maxAttempts: try jobs.int("max_attempts", default: 8, range: 1...100))
        let levelText = source["log.level"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw PortalError.invalid("Unknown log level '\(levelText)'.", field: "log.level")
        }
        logLevel = level
        enabledPlugins = (source["plugins.enabled"] ?? "").split(separator: ",")
            .map { String($0).trimmingWhitespaceAndQuotes() }.filter { !$0.isEmpty }
        httpTransportPlugin = source["plugins.http_transport"] ?? "curl"
        smtpTransportPlugin = source["plugins.smtp_transport"] ?? "curl-smtp"
        secretBoxPlugin = source["plugins.secret_box"] ?? "aes-gcm"
        passwordHasherPlugin = source["plugins.password_hasher"] ?? "bcrypt"
        identity = try Self.identitySettings(settings("auth"), publicURL: source["http.public_url"], mailFrom: source["mail.from"])
        try validatePlugins(registry)
    }

    private func validatePlugins(_ registry: PluginRegistry) throws {
        let choices: [(String, PortKind, String)] = [
            (httpTransportPlugin, .httpTransport, "plugins.http_transport"),
            (smtpTransportPlugin, .smtpTransport, "plugins.smtp_transport"),
            (secretBoxPlugin, .secretBox, "plugins.secret_box"),
            (passwordHasherPlugin, .passwordHasher, "plugins.password_hasher"),
        ]
        for (name, port, key) in choices {
            guard let plugin = registry.plugin(named: name), plugin.port == port else {
                let options = registry.plugins(for: port).map(\.name).joined(separator: ", ")
                throw PortalError.invalid("No \(port) plugin is named '\(name)' (available: \(options)).", field: key)
            }
        }
        var singles: [PortKind: String] = [:]
        for name in enabledPlugins {
            guard let plugin = registry.plugin(named: name) else {
                throw PortalError.invalid("No plugin is named '\(name)'.", field: "plugins.enabled")
            }
            let optionalPorts: Set<PortKind> = [.paymentGateway, .mailer, .codeHost, .documentRenderer]
            guard optionalPorts.contains(plugin.port) else {
                throw PortalError.invalid(
                    "'\(name)' is a \(plugin.port) plugin, chosen by its own key, not by plugins.enabled.",
                    field: "plugins.enabled")
            }
            if plugin.port == .mailer || plugin.port == .documentRenderer {
                if let other = singles[plugin.port] {
                    throw PortalError.invalid(
                        "Only one \(plugin.port) can be enabled; '\(other)' and '\(name)' both are.", field: "plugins.enabled")
                }
                singles[plugin.port] = name
            }
        }
    }

    /// The settings of `plugin`, from its namespace.
    public func settings(for plugin: Plugin) -> PluginSettings {
        PluginSettings(namespace: plugin.namespace, values: source.values(under: plugin.namespace))
    }
}

extension String {
    fileprivate func trimmingWhitespaceAndQuotes() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace || first == "\"" { view.removeFirst() }
        while let last = view.last, last.isWhitespace || last == "\"" { view.removeLast() }
        return String(view)
    }
}

extension PortalConfiguration {
    /// Reads `auth.*`, `http.public_url` and `mail.from`.
    static func identitySettings(_ auth: PluginSettings, publicURL: String?, mailFrom: String?) throws -> IdentitySettings {
        var settings = IdentitySettings()
        settings.sessionIdleTimeout = .seconds(60 * (try auth.int("session_idle_minutes", default: 720, range: 5...525_600)))
        settings.sessionAbsoluteLifetime = .seconds(3600 * (try auth.int("session_max_hours", default: 336, range: 1...8_760)))
        settings.invitationLifetime = .seconds(3600 * (try auth.int("invitation_hours", default: 168, range: 1...8_760)))
        settings.passwordResetLifetime = .seconds(60 * (try auth.int("password_reset_minutes", default: 60, range: 5...10_080)))
        settings.maxFailuresPerAccount = try auth.int("max_failures_per_account", default: 5, range: 1...1_000)
        settings.maxFailuresPerAddress = try auth.int("max_failures_per_address", default: 30, range: 1...100_000)
        settings.throttleWindow = .seconds(60 * (try auth.int("throttle_minutes", default: 15, range: 1...1_440)))
        if let publicURL, !publicURL.isEmpty {
            guard let url = try InputValidation.optionalURL(publicURL, field: "http.public_url") else {
                throw PortalError.invalid("http.public_url must be an http or https URL.", field: "http.public_url")
            }
            settings.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let mailFrom, !mailFrom.isEmpty {
            settings.emailFrom = try Self.mailAddress(mailFrom)
        }
        return settings
    }

    /// `Name <address@example.com>` or a bare address.
    static func mailAddress(_ text: String) throws -> MailerAddress {
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            let name = text[..<open].trimmingCharacters(in: .whitespaces)
            let email = try InputValidation.email(address, field: "mail.from")
            return MailerAddress(email, name: name.isEmpty ? nil : name)
        }
        return MailerAddress(try InputValidation.email(text, field: "mail.from"))
    }
}

extension PortalConfiguration {
    /// A comma-separated list of IPv4 or IPv6 addresses.
    static func addresses(_ text: String, field: String) throws -> Set<String> {
        var result: Set<String> = []
        for part in text.split(separator: ",") {
            let address = part.trimmingCharacters(in: .whitespaces)
            guard !address.isEmpty else { continue }
            let looksLikeIP = address.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
                && (address.contains(".") || address.contains(":"))
            guard looksLikeIP else {
                throw PortalError.invalid("\(field) lists IP addresses, comma-separated ('\(address)' is not one).", field: field)
            }
            result.insert(address.lowercased())
        }
        return result
    }
}

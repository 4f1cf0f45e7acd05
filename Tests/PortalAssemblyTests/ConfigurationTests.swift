import Foundation
import PortalAssembly
import PortalKernel
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    let registry = BuiltInPlugins.registry()

    func load(file: String? = nil, environment: [String: String] = [:], overrides: [String: String] = [:]) throws -> PortalConfiguration {
        var path: String?
        if let file {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(UUID().uuidString).json").path
            try file.write(toFile: path!, atomically: true, encoding: .utf8)
        }
        return try PortalConfiguration.load(filePath: path, environment: environment, overrides: overrides, registry: registry)
    }

    func expectInvalid(field: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected invalid configuration for \(field)")
        } catch let error as PortalError {
            #expect(error.code == .invalid)
            #expect(error.field == field)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("with no configuration at all, Portal uses a SQLite file under ./data")
    func defaults() throws {
        let configuration = try load()
        #expect(configuration.database == .sqlite(path: "data/portal.sqlite"))
        #expect(configuration.http.host == "127.0.0.1")
        #expect(configuration.http.port == 8080)
        #expect(configuration.http.migrateOnStart)
        #expect(configuration.jobs.inProcess)
        #expect(configuration.source["secrets.local_key_file"] == "data/secret.keys")
    }

    @Test("the environment overrides the file and the command line overrides both")
    func precedence() throws {
        let file = #"{"http": {"port": 9000, "host": "0.0.0.0"}, "jobs": {"concurrency": 2}, "database": {"url": "sqlite:/tmp/a.sqlite"}}"#
        let configuration = try load(
            file: file, environment: ["PORTAL_HTTP_PORT": "9100", "PORTAL_DATABASE_URL": "sqlite:/tmp/b.sqlite"],
            overrides: ["database.url": "postgres://portal@db.internal/portal?sslmode=require"])
        #expect(configuration.http.port == 9100)
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.jobs.worker.concurrency == 2)
        #expect(configuration.database == .postgres(url: "postgres://portal@db.internal/portal?sslmode=require"))
        #expect(configuration.source.origins["http.port"] == .environment)
        #expect(configuration.source.origins["http.host"] == .file)
    }

    @Test("invalid values fail at load naming the key")
    func invalidValues() {
        expectInvalid(field: "http.port") { _ = try load(environment: ["PORTAL_HTTP_PORT": "eighty"]) }
        expectInvalid(field: "http.port") { _ = try load(environment: ["PORTAL_HTTP_PORT": "70000"]) }
        expectInvalid(field: "database.url") { _ = try load(environment: ["PORTAL_DATABASE_URL": "mysql://x"]) }
        expectInvalid(field: "log.level") { _ = try load(environment: ["PORTAL_LOG_LEVEL": "loud"]) }
        expectInvalid(field: "jobs.in_process") { _ = try load(file: #"{"jobs": {"in_process": "maybe"}}"#) }
        expectInvalid(field: "plugins.enabled") { _ = try load(environment: ["PORTAL_PLUGINS_ENABLED": "nosuchgateway"]) }
        expectInvalid(field: "plugins.enabled") { _ = try load(environment: ["PORTAL_PLUGINS_ENABLED": "sqlite"]) }
        expectInvalid(field: "plugins.http_transport") { _ = try load(environment: ["PORTAL_PLUGINS_HTTP_TRANSPORT": "sqlite"]) }
    }

    @Test("an unknown key in the file is refused by name")
    func unknownKey() {
        expectInvalid(field: "http.prot") { _ = try load(file: #"{"http": {"prot": 80}}"#) }
        expectInvalid(field: "config") { _ = try load(file: "[1, 2]") }
        expectInvalid(field: "config") { _ = try load(file: "{ not json") }
    }

    @Test("secrets are refused in the file and on the command line, and read from the environment or a file")
    func secrets() throws {
        expectInvalid(field: "secrets.keys") { _ = try load(file: #"{"secrets": {"keys": "k1:abc"}}"#) }
        expectInvalid(field: "secrets.keys") { _ = try load(overrides: ["secrets.keys": "k1:abc"]) }
        let fromEnvironment = try load(environment: ["PORTAL_SECRETS_KEYS": "k1:QUJD"])
        #expect(fromEnvironment.source["secrets.keys"] == "k1:QUJD")
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        try "k9:WFla\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        let fromFile = try load(file: #"{"secrets": {"keys_file": "\#(keyFile)"}}"#)
        #expect(fromFile.source["secrets.keys"] == "k9:WFla")
        #expect(fromFile.source.origins["secrets.keys"] == .secretFile)
        expectInvalid(field: "secrets.keys_file") { _ = try load(environment: ["PORTAL_SECRETS_KEYS_FILE": "/nonexistent/keys"]) }
    }

    @Test("database URLs parse, and printing hides the password")
    func databaseLocation() throws {
        #expect(try DatabaseLocation(url: "sqlite:///var/lib/portal.sqlite") == .sqlite(path: "/var/lib/portal.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite:data/x.sqlite") == .sqlite(path: "data/x.sqlite"))
        #expect(try DatabaseLocation(url: "postgresql://u@h/d").pluginName == "postgres")
        #expect(try DatabaseLocation(url: "postgres://portal:s3cret@db:5432/portal").description == "postgres://portal:***@db:5432/portal")
        #expect(throws: PortalError.self) { try DatabaseLocation(url: "sqlite:") }
    }

    @Test("plugin states follow the configuration")
    func pluginStates() throws {
        let configuration = try load(environment: ["PORTAL_DATABASE_URL": "postgres://portal@localhost/portal"])
        let states = Dictionary(uniqueKeysWithValues: PortalAssembly.pluginStatuses(configuration, registry: registry).map { ($0.name, $0.state) })
        #expect(states == ["postgres": .active, "sqlite": .available, "curl": .active, "curl-smtp": .active, "aes-gcm": .active, "bcrypt": .active, "pdf": .available, "manual": .available])
    }
}

@Suite("Database passwords")
struct DatabasePasswordTests {
    let registry = BuiltInPlugins.registry()

    @Test("every form of password is hidden when printed", arguments: [
        ("postgres://portal:s3cret@db:5432/portal", "postgres://portal:***@db:5432/portal"),
        ("postgres://portal:p@ss@db/portal", "postgres://portal:***@db/portal"),
        ("postgres://portal@db/portal?sslmode=require&password=hunter2", "postgres://portal@db/portal?sslmode=require&password=***"),
        ("postgresql:///portal?host=/run/pg&PASSWORD=x", "postgresql:///portal?host=/run/pg&password=***"),
        ("postgres://portal@db/portal", "postgres://portal@db/portal"),
    ])
    func redaction(url: String, printed: String) throws {
        let location = try DatabaseLocation(url: url)
        #expect(location.description == printed)
        #expect(location.hasInlinePassword == (url != printed))
    }

    @Test("a password in the configuration file or on the command line is refused; the environment may carry one")
    func inlinePasswords() throws {
        let withPassword = "postgres://portal:s3cret@db/portal"
        do {
            _ = try PortalConfiguration.load(environment: [:], overrides: ["database.url": withPassword], registry: registry)
            Issue.record("a password on the command line must be refused")
        } catch let error as PortalError {
            #expect(error.field == "database.url")
        }
        let configuration = try PortalConfiguration.load(
            environment: ["PORTAL_DATABASE_URL": withPassword, "PORTAL_SECRETS_KEYS": "k1:QUJD"], registry: registry)
        #expect(configuration.database.description == "postgres://portal:***@db/portal")
    }
}

@Suite("Identity configuration")
struct IdentityConfigurationTests {
    let registry = BuiltInPlugins.registry()

    @Test func signInSettingsComeFromAuthKeysAndThePublicURL() throws {
        let configuration = try PortalConfiguration.load(
            environment: [
                "PORTAL_AUTH_SESSION_IDLE_MINUTES": "30", "PORTAL_AUTH_INVITATION_HOURS": "48",
                "PORTAL_AUTH_MAX_FAILURES_PER_ACCOUNT": "3", "PORTAL_HTTP_PUBLIC_URL": "https://portal.example.com/",
                "PORTAL_MAIL_FROM": "Acme Portal <portal@acme.example>",
            ],
            registry: registry)
        #expect(configuration.identity.sessionIdleTimeout == .seconds(1800))
        #expect(configuration.identity.invitationLifetime == .seconds(48 * 3600))
        #expect(configuration.identity.maxFailuresPerAccount == 3)
        #expect(configuration.identity.publicURL == "https://portal.example.com")
        #expect(configuration.identity.emailFrom == MailerAddress("portal@acme.example", name: "Acme Portal"))
        #expect(configuration.passwordHasherPlugin == "bcrypt")
        let proxied = try PortalConfiguration.load(environment: ["PORTAL_HTTP_TRUSTED_PROXIES": "10.0.0.1, FD00::1"], registry: registry)
        #expect(proxied.http.trustedProxies == ["10.0.0.1", "fd00::1"])
    }

    @Test func badSignInSettingsNameTheirKey() {
        for (variable, value, key) in [
            ("PORTAL_AUTH_SESSION_IDLE_MINUTES", "1", "auth.session_idle_minutes"),
            ("PORTAL_HTTP_PUBLIC_URL", "portal.example.com", "http.public_url"),
            ("PORTAL_MAIL_FROM", "nobody", "mail.from"),
            ("PORTAL_PLUGINS_PASSWORD_HASHER", "sqlite", "plugins.password_hasher"),
            ("PORTAL_HTTP_TRUSTED_PROXIES", "10.0.0.1, proxy.internal", "http.trusted_proxies"),
        ] {
            do {
                _ = try PortalConfiguration.load(environment: [variable: value], registry: registry)
                Issue.record("accepted \(variable)=\(value)")
            } catch let error as PortalError {
                #expect(error.code == .invalid && error.field == key, "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}

import Foundation
import Logging
import PortalBcrypt
import PortalBlocking
import PortalCurl
import PortalKernel
import PortalManualPayments
import PortalPDF
import PortalPostgres
import PortalSQLite

/// The plugins every Portal build has: both storage backends, the libcurl transports, the
/// AES-GCM secret box and the PDF renderer. Payment gateways, mailers and code hosts register
/// beside these.
public enum BuiltInPlugins {
    /// A registry holding every built-in plugin.
    public static func registry() -> PluginRegistry {
        // The names are fixed and distinct, so registration cannot fail.
        try! PluginRegistry([sqlite, postgres, curl, curlSMTP, aesGCM, bcrypt, pdf, manualPayments])
    }

    /// SQLite over libsqlite3: the embedded default.
    public static let sqlite = Plugin(
        name: "sqlite", port: .storage, summary: "SQLite file (WAL, one writer, pooled readers)",
        settings: [
            PluginSetting("url", summary: "sqlite:PATH", required: true),
            PluginSetting("readers", summary: "Reader connections", default: "4"),
            PluginSetting("busy_timeout_ms", summary: "How long a writer waits for the lock", default: "5000"),
        ],
        namespace: "database"
    ) { context in
        guard case .sqlite(let path) = try DatabaseLocation(url: try context.settings.requireString("url")) else {
            throw PortalError.invalid("The sqlite plugin needs a sqlite: URL.", field: "database.url")
        }
        let configuration = SQLiteConfiguration(
            path: path,
            readerCount: try context.settings.int("readers", default: 4, range: 1...64),
            busyTimeout: try context.settings.milliseconds("busy_timeout_ms", default: .seconds(5)))
        return try await SQLiteDatabase.open(configuration: configuration, logger: context.logger)
    }

    /// PostgreSQL over libpq: for several processes and machines sharing one database.
    public static let postgres = Plugin(
        name: "postgres", port: .storage, summary: "PostgreSQL server (connection pool, SKIP LOCKED job claims)",
        settings: [
            PluginSetting("url", summary: "postgres://user@host:5432/db?sslmode=require", required: true),
            PluginSetting("pool_size", summary: "Connections per process", default: "10"),
            PluginSetting("statement_timeout_ms", summary: "Longest a statement may run (0 = no limit)", default: "30000"),
            PluginSetting("connect_timeout_ms", summary: "Longest a connection attempt may take", default: "5000"),
        ],
        namespace: "database"
    ) { context in
        guard case .postgres(let url) = try DatabaseLocation(url: try context.settings.requireString("url")) else {
            throw PortalError.invalid("The postgres plugin needs a postgres:// URL.", field: "database.url")
        }
        let timeout = try context.settings.int("statement_timeout_ms", default: 30_000, range: 0...86_400_000)
        let configuration = PostgresConfiguration(
            url: url,
            poolSize: try context.settings.int("pool_size", default: 10, range: 1...500),
            statementTimeout: timeout == 0 ? nil : .milliseconds(timeout),
            connectTimeout: try context.settings.milliseconds("connect_timeout_ms", default: .seconds(5)))
        return try PostgresDatabase(configuration: configuration, logger: context.logger)
    }

    /// Outbound HTTP through libcurl.
    public static let curl = Plugin(
        name: "curl", port: .httpTransport, summary: "HTTP client over libcurl (keep-alive, timeouts, size limits)",
        settings: [
            PluginSetting("threads", summary: "Transfers at the same time", default: "4"),
            PluginSetting("connect_timeout_ms", summary: "Longest a connection attempt may take", default: "10000"),
        ]
    ) { context in
        var configuration = CurlHTTPTransport.Configuration()
        configuration.threads = try context.settings.int("threads", default: 4, range: 1...64)
        configuration.connectTimeout = try context.settings.milliseconds("connect_timeout_ms", default: .seconds(10))
        return CurlHTTPTransport(configuration: configuration, logger: context.logger)
    }

    /// SMTP submission through libcurl.
    public static let curlSMTP = Plugin(
        name: "curl-smtp", port: .smtpTransport, summary: "SMTP client over libcurl (STARTTLS or implicit TLS)",
        settings: [PluginSetting("threads", summary: "Messages sent at the same time", default: "2")]
    ) { context in
        var configuration = CurlSMTPTransport.Configuration()
        configuration.threads = try context.settings.int("threads", default: 2, range: 1...32)
        return CurlSMTPTransport(configuration: configuration, logger: context.logger)
    }

    /// AES-256-GCM encryption of secrets at rest.
    public static let aesGCM = Plugin(
        name: "aes-gcm", port: .secretBox, summary: "AES-256-GCM secret box with rotating keys",
        settings: [
            PluginSetting("keys", summary: "id:base64key, comma-separated; the first seals, all open", secret: true),
            PluginSetting("local_key_file", summary: "A key file created on first start when no keys are given (SQLite only)"),
        ],
        namespace: "secrets"
    ) { context in
        if let text = context.settings.string("keys"), !text.isEmpty {
            return AESGCMSecretBox(keyring: try SecretKeyring(parsing: text, field: "secrets.keys"))
        }
        guard let path = context.settings.string("local_key_file"), !path.isEmpty else {
            throw PortalError.invalid(
                "Set PORTAL_SECRETS_KEYS (or secrets.keys_file): every process sharing a PostgreSQL database needs the same keys.",
                field: "secrets.keys")
        }
        return AESGCMSecretBox(keyring: try LocalKeyFile.loadOrCreate(at: path, logger: context.logger))
    }

    /// Passwords hashed with bcrypt, on a small thread pool of its own.
    public static let bcrypt = Plugin(
        name: "bcrypt", port: .passwordHasher, summary: "bcrypt password hashing (cost 12 by default)",
        settings: [
            PluginSetting("cost", summary: "Work factor, 4 to 31; each step doubles the time", default: "12"),
            PluginSetting("threads", summary: "Hashes computed at the same time", default: "2"),
        ]
    ) { context in
        let cost = try context.settings.int("cost", default: BcryptPasswordHasher.defaultCost, range: 4...31)
        let threads = try context.settings.int("threads", default: 2, range: 1...64)
        return try BcryptPasswordHasher(cost: cost, pool: BlockingThreadPool(name: "bcrypt", threads: threads))
    }

    /// PDF documents (invoices, signed contracts) through cairo and pango. Switch it on with
    /// `plugins.enabled = pdf`.
    public static let pdf = Plugin(
        name: "pdf", port: .documentRenderer, summary: "PDF documents over cairo and pango (Unicode text, pagination)",
        settings: [
            PluginSetting("font_family", summary: "Body font", default: "DejaVu Sans"),
            PluginSetting("threads", summary: "Documents rendered at the same time", default: "1"),
        ]
    ) { context in
        var configuration = PDFRenderer.Configuration()
        configuration.fontFamily = try context.settings.requireString("font_family")
        configuration.threads = try context.settings.int("threads", default: 1, range: 1...16)
        return PDFRenderer(configuration: configuration, logger: context.logger)
    }

    /// Bank transfer (EFT): tells the payer the amount, a reference to quote and the bank details.
    /// Switch it on with `plugins.enabled = manual`. Each tenant's payment method passes its own
    /// `instructions` and `details` in the `ProviderAccount`; these settings are the fallbacks.
    public static let manualPayments = Plugin(
        name: "manual", port: .paymentGateway, summary: "Bank transfer (EFT) instructions with a reference to quote",
        settings: [
            PluginSetting("instructions", summary: "What the payer is told when the payment method sets nothing"),
            PluginSetting("details", summary: #"Bank details as JSON text: [{"label": "Bank", "value": "…"}, …]"#),
        ]
    ) { context in
        try ManualPaymentsGateway(settings: context.settings)
    }
}

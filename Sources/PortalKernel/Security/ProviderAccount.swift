/// The outside account a port call acts for: one tenant's connection to Stripe, MailerSend,
/// GitHub and so on, with its credentials already opened from the ``SecretBox``.
///
/// Plugins are built once per process from their settings, but each tenant connects its own
/// accounts, so the kernel passes a `ProviderAccount` into every call that reaches a provider.
/// A plugin reads what it needs by name and falls back to its own settings when a value is
/// absent; a single-tenant installation can pass ``ProviderAccount/default``.
///
/// ```swift
/// let account = ProviderAccount(
///     id: connection.id, tenantID: tenant.id, mode: .sandbox,
///     secrets: ["secret_key": try box.openSecret(row.secretKey, context: "tenant:\(tenant.id)/gateway:stripe/secret_key")],
///     settings: ["publishable_key": row.publishableKey])
/// let apiKey = try account.secret("secret_key")
/// ```
///
/// ``description`` names the account and the keys it holds, never secret values.
public struct ProviderAccount: Sendable, Hashable, CustomStringConvertible {
    /// Whether an account talks to a provider's test environment or moves real money and mail.
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// The provider's sandbox or test mode (Stripe `sk_test_…`, PayPal sandbox hosts).
        case sandbox
        /// Production.
        case live
    }

    /// The kernel's identifier for this connection, for logs and webhook routing; empty for
    /// ``default``.
    public var id: String
    /// The tenant that owns the connection, when there is one.
    public var tenantID: TenantID?
    /// Test or production.
    public var mode: Mode
    /// Opened credentials by name (`"secret_key"`, `"webhook_secret"`, `"access_token"`).
    public var secrets: [String: Secret]
    /// Non-secret settings by name (`"publishable_key"`, `"business_id"`, `"base_url"`).
    public var settings: [String: String]

    public init(
        id: String, tenantID: TenantID? = nil, mode: Mode = .live, secrets: [String: Secret] = [:],
        settings: [String: String] = [:]
    ) {
        self.id = id
        self.tenantID = tenantID
        self.mode = mode
        self.secrets = secrets
        self.settings = settings
    }

    /// No per-call account: the plugin uses its own settings (single-tenant installations).
    public static let `default` = ProviderAccount(id: "")

    /// The secret called `name`.
    /// - Throws: ``PortalError`` `invalid` with `field` = `name` when it is missing or empty.
    public func secret(_ name: String) throws -> Secret {
        guard let value = secrets[name], !value.isEmpty else {
            throw PortalError.invalid("The account has no '\(name)' credential.", field: name)
        }
        return value
    }

    /// The setting called `name`.
    /// - Throws: ``PortalError`` `invalid` with `field` = `name` when it is missing or empty.
    public func setting(_ name: String) throws -> String {
        guard let value = settings[name], !value.isEmpty else {
            throw PortalError.invalid("The account has no '\(name)' setting.", field: name)
        }
        return value
    }

    public var description: String {
        let label = id.isEmpty ? "default" : id
        return "ProviderAccount(\(label), \(mode.rawValue), secrets: [\(secrets.keys.sorted().joined(separator: ", "))])"
    }
}

import Logging

/// A plugin: a named implementation of one port, the settings it reads, and a factory.
///
/// Register plugins in a ``PluginRegistry``; the assembly builds the configured ones.
///
/// ```swift
/// let stripe = Plugin(
///     name: "stripe", port: .paymentGateway, summary: "Cards and wallets through Stripe",
///     settings: [PluginSetting("secret_key", summary: "sk_live_… or sk_test_…", required: true, secret: true)]
/// ) { context in
///     StripeGateway(secretKey: try context.settings.requireString("secret_key"), transport: context.httpTransport)
/// }
/// ```
public struct Plugin: Sendable {
    /// The unique name used in configuration (`"stripe"`, `"sqlite"`).
    public let name: String
    /// The port it implements.
    public let port: PortKind
    /// One line for `portal-cli plugins`.
    public let summary: String
    /// The settings it reads.
    public let settings: [PluginSetting]
    /// Where its settings live; `plugins.<name>` unless the plugin says otherwise.
    public let namespace: String
    private let factory: @Sendable (PluginContext) async throws -> any Sendable

    public init(
        name: String, port: PortKind, summary: String, settings: [PluginSetting] = [], namespace: String? = nil,
        make factory: @escaping @Sendable (PluginContext) async throws -> any Sendable
    ) {
        self.name = name
        self.port = port
        self.summary = summary
        self.settings = settings
        self.namespace = namespace ?? "plugins.\(name)"
        self.factory = factory
    }

    /// Builds the plugin's implementation and checks it is of type `Port`.
    public func make<Port>(_ type: Port.Type, context: PluginContext) async throws -> Port {
        let made = try await factory(context)
        guard let typed = made as? Port else {
            throw PortalError.internal(debugDetail: "plugin '\(name)' built \(Swift.type(of: made)), not \(Port.self)")
        }
        return typed
    }

    /// Settings that are required but have no value in `settings`.
    public func missingSettings(in values: PluginSettings) -> [String] {
        settings.filter { $0.isRequired && $0.defaultValue == nil && (values.string($0.key) ?? "").isEmpty }
            .map { values.fullKey($0.key) }
    }
}

/// What a plugin's factory receives: its settings and the shared services built before it.
public struct PluginContext: Sendable {
    public let settings: PluginSettings
    public let logger: Logger
    public let clock: any WallClock
    /// The active HTTP transport (absent only while building the transport itself).
    public let httpTransport: (any HTTPTransport)?
    /// The active SMTP transport, when one is configured.
    public let smtpTransport: (any SMTPTransport)?

    public init(
        settings: PluginSettings, logger: Logger, clock: any WallClock, httpTransport: (any HTTPTransport)? = nil,
        smtpTransport: (any SMTPTransport)? = nil
    ) {
        self.settings = settings
        self.logger = logger
        self.clock = clock
        self.httpTransport = httpTransport
        self.smtpTransport = smtpTransport
    }

    /// The HTTP transport, or `unavailable` when none was configured.
    public func requireHTTPTransport() throws -> any HTTPTransport {
        guard let httpTransport else { throw PortalError.unavailable("No HTTP transport is configured.") }
        return httpTransport
    }
}

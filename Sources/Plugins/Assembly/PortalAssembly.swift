import Foundation
import Logging
import PortalKernel

/// Configuration → a running kernel with the configured plugins. Both executables use this,
/// and so can any program that embeds Portal.
///
/// ```swift
/// let registry = BuiltInPlugins.registry()
/// let configuration = try PortalConfiguration.load(environment: ProcessInfo.processInfo.environment, registry: registry)
/// let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: logger)
/// // … use assembled.portal …
/// await assembled.shutdown()
/// ```
public enum PortalAssembly {
    /// Builds the configured plugins, in dependency order: storage, transports, secret box, then
    /// the optional plugins of `plugins.enabled` (gateways, mailer, code hosts, renderer), which
    /// receive the transports. Nothing is migrated here; callers decide. If any plugin fails to
    /// build, the database is closed again and the error names the cause.
    public static func assemble(
        _ configuration: PortalConfiguration,
        registry: PluginRegistry,
        logger: Logger,
        clock: any WallClock = SystemClock()
    ) async throws -> AssembledPortal {
        func context(_ plugin: Plugin, http: (any HTTPTransport)?, smtp: (any SMTPTransport)?) -> PluginContext {
            var pluginLogger = logger
            pluginLogger[metadataKey: "plugin"] = .string(plugin.name)
            return PluginContext(
                settings: configuration.settings(for: plugin), logger: pluginLogger, clock: clock, httpTransport: http,
                smtpTransport: smtp)
        }
        let statuses = pluginStatuses(configuration, registry: registry)
        if let broken = statuses.first(where: { $0.state == .misconfigured }) {
            throw PortalError.invalid("The \(broken.name) plugin needs this setting.", field: broken.missingSettings.first)
        }
        let storagePlugin = try require(registry, configuration.database.pluginName, .storage)
        try prepareStorageLocation(configuration.database)
        let database = try await storagePlugin.make((any Database).self, context: context(storagePlugin, http: nil, smtp: nil))
        do {
            let httpPlugin = try require(registry, configuration.httpTransportPlugin, .httpTransport)
            let http = try await httpPlugin.make((any HTTPTransport).self, context: context(httpPlugin, http: nil, smtp: nil))
            let smtpPlugin = try require(registry, configuration.smtpTransportPlugin, .smtpTransport)
            let smtp = try await smtpPlugin.make((any SMTPTransport).self, context: context(smtpPlugin, http: http, smtp: nil))
            let secretBoxPlugin = try require(registry, configuration.secretBoxPlugin, .secretBox)
            let secretBox = try await secretBoxPlugin.make(
                (any SecretBox).self, context: context(secretBoxPlugin, http: http, smtp: smtp))
            let hasherPlugin = try require(registry, configuration.passwordHasherPlugin, .passwordHasher)
            let passwordHasher = try await hasherPlugin.make(
                (any PasswordHasher).self, context: context(hasherPlugin, http: http, smtp: smtp))
            var plugins = PortalPlugins()
            for name in configuration.enabledPlugins {
                guard let plugin = registry.plugin(named: name) else {
                    throw PortalError.invalid("No plugin is named '\(name)'.", field: "plugins.enabled")
                }
                let pluginContext = context(plugin, http: http, smtp: smtp)
                switch plugin.port {
                case .paymentGateway: plugins.paymentGateways[name] = try await plugin.make((any PaymentGateway).self, context: pluginContext)
                case .mailer: plugins.mailer = try await plugin.make((any Mailer).self, context: pluginContext)
                case .codeHost: plugins.codeHosts[name] = try await plugin.make((any CodeHost).self, context: pluginContext)
                case .documentRenderer: plugins.documentRenderer = try await plugin.make((any DocumentRenderer).self, context: pluginContext)
                default: throw PortalError.invalid("'\(name)' cannot be enabled with plugins.enabled.", field: "plugins.enabled")
                }
            }
            let portal = Portal(
                database: database, clock: clock, secretBox: secretBox, passwordHasher: passwordHasher, httpTransport: http,
                smtpTransport: smtp, plugins: plugins, identity: configuration.identity,
                jobMaxAttempts: configuration.jobs.maxAttempts, logger: logger)
            return AssembledPortal(portal: portal, configuration: configuration, plugins: statuses)
        } catch {
            await database.close()
            throw error
        }
    }

    /// The state of every registered plugin under `configuration`, without building any.
    public static func pluginStatuses(_ configuration: PortalConfiguration, registry: PluginRegistry) -> [PluginStatus] {
        let selected = Set(
            [configuration.database.pluginName, configuration.httpTransportPlugin, configuration.smtpTransportPlugin,
             configuration.secretBoxPlugin, configuration.passwordHasherPlugin] + configuration.enabledPlugins)
        return registry.all.map { plugin in
            let settings = configuration.settings(for: plugin)
            let isSelected = selected.contains(plugin.name)
            let missing = isSelected ? plugin.missingSettings(in: settings) : []
            let state: PluginStatus.State = !isSelected ? .available : (missing.isEmpty ? .active : .misconfigured)
            return PluginStatus(
                name: plugin.name, port: plugin.port, state: state, summary: plugin.summary, missingSettings: missing,
                settings: plugin.settings.map { settings.fullKey($0.key) })
        }
    }

    private static func require(_ registry: PluginRegistry, _ name: String, _ port: PortKind) throws -> Plugin {
        guard let plugin = registry.plugin(named: name), plugin.port == port else {
            throw PortalError.invalid("No \(port) plugin named '\(name)' is registered.", field: "plugins")
        }
        return plugin
    }

    /// Creates the folder of a SQLite file (the embedded default lives under `./data/`).
    private static func prepareStorageLocation(_ location: DatabaseLocation) throws {
        guard case .sqlite(let path) = location else { return }
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PortalError.unavailable("Cannot create the database folder '\(folder)'.", debugDetail: "\(error)")
        }
    }
}

/// A kernel built from configuration, with what was chosen.
public struct AssembledPortal: Sendable {
    /// The kernel with its ports.
    public let portal: Portal
    /// The configuration it was built from.
    public let configuration: PortalConfiguration
    /// Every registered plugin and whether it is active.
    public let plugins: [PluginStatus]

    /// Lets outbound transfers finish, stops the transports' threads and closes the database.
    public func shutdown() async {
        await portal.httpTransport.shutdown()
        await portal.smtpTransport?.shutdown()
        await portal.database.close()
    }
}

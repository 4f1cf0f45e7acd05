import Logging
import PortalKernel
import Testing

@Suite("Plugin registry and settings")
struct PluginRegistryTests {
    static func plugin(_ name: String, _ port: PortKind = .paymentGateway) -> Plugin {
        Plugin(
            name: name, port: port, summary: "test",
            settings: [
                PluginSetting("secret_key", summary: "key", required: true, secret: true),
                PluginSetting("mode", summary: "m", default: "live"),
            ]
        ) { _ in "built \(name)" }
    }

    @Test("plugins are listed by port then name, and names are unique")
    func registration() throws {
        var registry = PluginRegistry()
        try registry.register(Self.plugin("stripe"))
        try registry.register(Self.plugin("sqlite", .storage))
        try registry.register(Self.plugin("paypal"))
        #expect(registry.all.map(\.name) == ["paypal", "stripe", "sqlite"])
        #expect(registry.plugins(for: .paymentGateway).map(\.name) == ["paypal", "stripe"])
        #expect(throws: PortalError.self) { try registry.register(Self.plugin("stripe")) }
    }

    @Test("plugin names must be simple", arguments: ["Stripe", "", "9lives", "with space", "a_b"])
    func invalidNames(name: String) {
        var registry = PluginRegistry()
        #expect(throws: PortalError.self) { try registry.register(Self.plugin(name)) }
    }

    @Test("missing required settings are reported by full key")
    func missingSettings() {
        let plugin = Self.plugin("stripe")
        #expect(plugin.namespace == "plugins.stripe")
        #expect(plugin.missingSettings(in: PluginSettings(namespace: plugin.namespace, values: [:])) == ["plugins.stripe.secret_key"])
        #expect(plugin.missingSettings(in: PluginSettings(namespace: plugin.namespace, values: ["secret_key": "sk"])).isEmpty)
    }

    @Test("the factory's product must be the requested port")
    func typedFactory() async throws {
        let plugin = Self.plugin("stripe")
        let context = PluginContext(
            settings: PluginSettings(namespace: "plugins.stripe", values: [:]), logger: Logger(label: "t"), clock: SystemClock())
        #expect(try await plugin.make(String.self, context: context) == "built stripe")
        await #expect(throws: PortalError.self) { try await plugin.make(Int.self, context: context) }
    }

    @Test("typed settings name the full key when a value is wrong")
    func typedSettings() throws {
        let settings = PluginSettings(
            namespace: "database", values: ["pool_size": "ten", "readers": " 8 ", "wal": "yes", "timeout_ms": "250"])
        #expect(try settings.int("readers", default: 4) == 8)
        #expect(try settings.int("absent", default: 4) == 4)
        #expect(try settings.bool("wal", default: false))
        #expect(try settings.milliseconds("timeout_ms", default: .seconds(1)) == .milliseconds(250))
        do {
            _ = try settings.int("pool_size", default: 10)
            Issue.record("expected an error")
        } catch let error as PortalError {
            #expect(error.code == .invalid)
            #expect(error.field == "database.pool_size")
        }
        #expect(throws: PortalError.self) { try settings.int("readers", default: 4, range: 1...4) }
        #expect(throws: PortalError.self) { try settings.requireString("absent") }
    }
}

import Foundation
import Logging
import PortalAssembly
import PortalKernel
import Testing

/// A gateway an embedder registers next to the built-in plugins; it settles every payment at once.
struct InstantGateway: PaymentGateway {
    let secretKey: Secret

    var capabilities: PaymentGatewayCapabilities {
        PaymentGatewayCapabilities(name: "instantpay", displayName: "Instant Pay", operations: [.offlineInstructions])
    }

    func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart {
        throw PortalError.invalid("Instant Pay takes no payments in tests.", field: "operation")
    }

    static let plugin = Plugin(
        name: "instantpay", port: .paymentGateway, summary: "Test gateway",
        settings: [PluginSetting("secret_key", summary: "API key", required: true, secret: true)]
    ) { context in
        InstantGateway(secretKey: Secret(try context.settings.requireString("secret_key")))
    }
}

@Suite("Optional plugins")
struct EnabledPluginTests {
    func registry() throws -> PluginRegistry {
        var registry = BuiltInPlugins.registry()
        try registry.register(InstantGateway.plugin)
        return registry
    }

    func environment(_ extra: [String: String]) -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-plugins-\(UUID().uuidString)").path
        return ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite"].merging(extra) { _, new in new }
    }

    @Test("an enabled gateway is built with its secret from the environment and reachable by name")
    func builtWhenEnabled() async throws {
        let registry = try registry()
        let configuration = try PortalConfiguration.load(
            environment: environment(["PORTAL_PLUGINS_ENABLED": "instantpay", "PORTAL_PLUGINS_INSTANTPAY_SECRET_KEY": "ip_live_1"]),
            registry: registry)
        let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
        let gateway = try assembled.portal.plugins.paymentGateway("instantpay")
        #expect(gateway.capabilities.displayName == "Instant Pay")
        #expect((gateway as? InstantGateway)?.secretKey.description == "<redacted>")
        #expect(throws: PortalError.self) { try assembled.portal.plugins.paymentGateway("stripe") }
        #expect(assembled.plugins.first { $0.name == "instantpay" }?.state == .active)
        await assembled.shutdown()
    }

    @Test("a registered gateway that is not enabled is not built")
    func notBuiltWhenAvailable() async throws {
        let registry = try registry()
        let configuration = try PortalConfiguration.load(environment: environment([:]), registry: registry)
        let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
        #expect(assembled.portal.plugins.paymentGateways.isEmpty)
        #expect(assembled.plugins.first { $0.name == "instantpay" }?.state == .available)
        await assembled.shutdown()
    }

    @Test("an enabled plugin without its required secret stops start-up, naming the key")
    func missingSecret() async throws {
        let registry = try registry()
        let configuration = try PortalConfiguration.load(environment: environment(["PORTAL_PLUGINS_ENABLED": "instantpay"]), registry: registry)
        #expect(PortalAssembly.pluginStatuses(configuration, registry: registry).first { $0.name == "instantpay" }?.state == .misconfigured)
        do {
            _ = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
            Issue.record("expected a configuration error")
        } catch let error as PortalError {
            #expect(error.field == "plugins.instantpay.secret_key")
        }
    }

    @Test("plugins.enabled = manual builds the bank-transfer gateway with its bank details from the environment")
    func manualEnabled() async throws {
        let registry = BuiltInPlugins.registry()
        let configuration = try PortalConfiguration.load(
            environment: environment([
                "PORTAL_PLUGINS_ENABLED": "manual",
                "PORTAL_PLUGINS_MANUAL_DETAILS": #"[{"label": "Bank", "value": "First National Bank"}]"#,
            ]),
            registry: registry)
        let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
        let gateway = try #require(assembled.portal.plugins.paymentGateways["manual"])
        #expect(gateway.capabilities.displayName == "Bank transfer")
        let request = PaymentGatewayRequest(
            paymentID: "p-1", idempotencyKey: "pay-1", amount: Money(minorUnits: 10_000, currency: .zar), description: "Invoice",
            invoiceNumber: "INV-0001")
        guard case .nextStep(.instructions(let instructions), _) = try await gateway.startPayment(request, account: .default) else {
            Issue.record("expected instructions")
            return
        }
        #expect(instructions.reference == "INV-0001")
        #expect(instructions.details.last == PaymentGatewayLabeledValue("Bank", "First National Bank"))
        #expect(assembled.plugins.first { $0.name == "manual" }?.state == .active)
        await assembled.shutdown()
    }

    @Test("a plugin secret written in the configuration file is refused")
    func secretInFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(UUID().uuidString).json").path
        try #"{"plugins": {"instantpay": {"secret_key": "ip_live_1"}}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try PortalConfiguration.load(filePath: path, environment: environment([:]), registry: try registry())
            Issue.record("expected a configuration error")
        } catch let error as PortalError {
            #expect(error.field == "plugins.instantpay.secret_key")
        }
    }
}

@Suite("Built-in document renderer")
struct PDFPluginTests {
    @Test("enabling pdf gives the kernel a renderer that writes PDF")
    func pdfEnabled() async throws {
        let registry = BuiltInPlugins.registry()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-pdf-\(UUID().uuidString)").path
        let configuration = try PortalConfiguration.load(
            environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite", "PORTAL_PLUGINS_ENABLED": "pdf"], registry: registry)
        let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
        let renderer = try #require(assembled.portal.plugins.documentRenderer)
        #expect(renderer.contentType == "application/pdf")
        var document = DocumentLayout(metadata: DocumentMetadata(title: "Receipt"))
        document.blocks = [.heading("Receipt", level: 1)]
        let bytes = try await renderer.render(document)
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        await assembled.shutdown()
    }
}

import Foundation
import Logging
import PortalAssembly
import PortalKernel
import PortalTesting
import Testing

@Suite("Assembly")
struct AssemblyTests {
    @Test("a SQLite installation gets a private key file on first start and reuses it")
    func localKeyFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-assembly-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let registry = BuiltInPlugins.registry()
        let configuration = try PortalConfiguration.load(
            environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/nested/portal.sqlite"], registry: registry)
        let first = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
        let sealed = try first.portal.secretBox.seal(Array("sk_test_123".utf8), context: "tenant:1/stripe")
        try await first.portal.migrator.migrate(first.portal.database)
        await first.shutdown()

        let keyFile = "\(folder)/nested/secret.keys"
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let second = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
        #expect(try second.portal.secretBox.open(sealed, context: "tenant:1/stripe") == Array("sk_test_123".utf8))
        #expect(try await second.portal.migrator.pending(on: second.portal.database).isEmpty)
        await second.shutdown()
    }

    @Test("PostgreSQL without configured keys refuses to start, naming the key")
    func postgresNeedsKeys() async throws {
        let registry = BuiltInPlugins.registry()
        let configuration = try PortalConfiguration.load(
            environment: ["PORTAL_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?connect_timeout=1"], registry: registry)
        do {
            _ = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
            Issue.record("expected a configuration error")
        } catch let error as PortalError {
            #expect(error.field == "secrets.keys")
        }
    }
}

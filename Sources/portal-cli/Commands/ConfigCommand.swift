import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli config`: the effective configuration and where each value came from. Secrets are hidden.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show the effective configuration (secrets hidden) and check it is valid.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

    struct Entry: Encodable {
        let key: String
        let value: String
        let origin: String
    }

    func run() async throws {
        let session = CommandSession(options.merged(over: root.globals))
        try await session.run { configuration, registry in
            let secretKeys = Set(
                registry.all.flatMap { plugin in plugin.settings.filter(\.isSecret).map { "\(plugin.namespace).\($0.key)" } })
            let source = configuration.source
            let entries = source.values.keys.sorted().map { key in
                let raw = source.values[key] ?? ""
                let value =
                    secretKeys.contains(key) ? "(set, hidden)"
                    : key == "database.url" ? configuration.database.description : raw
                return Entry(key: key, value: value, origin: source.origins[key]?.rawValue ?? "file")
            }
            session.output.emit(entries) {
                Table(headers: ["KEY", "VALUE", "FROM"], rows: entries.map { [$0.key, $0.value, $0.origin] })
            }
        }
    }
}

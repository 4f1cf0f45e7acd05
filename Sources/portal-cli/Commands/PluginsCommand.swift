import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli plugins`: every registered plugin, the port it implements and its state.
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "List plugins with their port and state (active, available, misconfigured).")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

    func run() async throws {
        let session = CommandSession(options.merged(over: root.globals))
        try await session.run { configuration, registry in
            let statuses = PortalAssembly.pluginStatuses(configuration, registry: registry)
            session.output.emit(statuses) {
                Table(
                    headers: ["PLUGIN", "PORT", "STATE", "SUMMARY"],
                    rows: statuses.map { status in
                        let missing = status.missingSettings.isEmpty ? "" : " (missing: \(status.missingSettings.joined(separator: ", ")))"
                        return [status.name, status.port.rawValue, status.state.rawValue + missing, status.summary]
                    })
            }
        }
    }
}

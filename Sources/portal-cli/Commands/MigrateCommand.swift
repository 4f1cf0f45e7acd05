import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli migrate`: applies pending schema migrations (or lists them with `--status`).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

    @Flag(name: .long, help: "Only show which migrations are applied and which are pending.")
    var status = false

    struct Report: Encodable {
        let database: String
        let applied: [String]
        let pending: [String]
    }

    func run() async throws {
        let session = CommandSession(options.merged(over: root.globals))
        try await session.withPortal { assembled, _ in
            let portal = assembled.portal
            let database = assembled.configuration.database.description
            if status {
                let applied = try await portal.migrator.applied(on: portal.database).map(\.id)
                let pending = try await portal.migrator.pending(on: portal.database).map(\.id)
                session.output.emit(Report(database: database, applied: applied, pending: pending)) {
                    Table(
                        headers: ["MIGRATION", "STATE"],
                        rows: applied.map { [$0, "applied"] } + pending.map { [$0, "pending"] })
                }
            } else {
                let ran = try await portal.migrator.migrate(portal.database)
                session.output.message(
                    ran.isEmpty ? "\(database): up to date" : "\(database): applied \(ran.joined(separator: ", "))",
                    json: Report(database: database, applied: ran, pending: []))
            }
        }
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli backup --to FILE`: a consistent copy of a SQLite database, taken while it is in use.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite database to a file with SQLite's online backup API.",
        discussion: "The server may keep running. For PostgreSQL use pg_dump, which this command points you to.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

    @Option(name: .long, help: "The file to create; it must not exist.")
    var to: String

    struct Report: Encodable {
        let database: String
        let backup: String
    }

    func run() async throws {
        let session = CommandSession(options.merged(over: root.globals))
        try await session.withPortal { assembled, _ in
            guard let backup = assembled.portal.database as? any OnlineBackup else {
                throw PortalError.invalid(
                    "Online backup is for SQLite; back up PostgreSQL with pg_dump or your provider's snapshots.",
                    field: "database.url")
            }
            do {
                try await backup.backup(to: to)
            } catch var error as PortalError where error.field == "path" {
                error.field = "to"  // name the option the operator typed
                throw error
            }
            let database = assembled.configuration.database.description
            session.output.message("Backed up \(database) to \(to)", json: Report(database: database, backup: to))
        }
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli`: the operator's command line.
public struct PortalCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "portal-cli",
        abstract: "Operate a Portal installation: schema, plugins, backups, background jobs, tenants and their people.",
        discussion: """
            Configuration comes from --config (or PORTAL_CONFIG, or ./portal.json), then PORTAL_* environment \
            variables, then --database. With none, Portal uses the SQLite file data/portal.sqlite.

            Identity commands act on one tenant (--tenant SLUG) as the operator named by $USER; every change \
            they make is recorded in the tenant's audit trail.

            Exit codes: 0 success, 1 internal error, 2 invalid input or configuration, 3 not found, 4 conflict, \
            5 not allowed, 6 unavailable (database or provider unreachable), 7 broken audit chain (audit verify), \
            8 some periods not billed (billing run), 64 bad command-line usage.
            """,
        subcommands: [
            MigrateCommand.self, PluginsCommand.self, BackupCommand.self, JobsCommand.self, ConfigCommand.self,
            TenantCommand.self, UserCommand.self, TokenCommand.self, CompanyCommand.self, ContactCommand.self,
            InviteCommand.self, AuditCommand.self, DemoCommand.self,
            BillingCommand.self, TaxRateCommand.self, PaymentMethodCommand.self, InvoiceCommand.self, CreditNoteCommand.self,
            PaymentCommand.self, PlanCommand.self, SubscriptionCommand.self, CreditPackageCommand.self, CreditsCommand.self,
            ContractCommand.self, ReportCommand.self,
            ProposalCommand.self, DeliverableCommand.self,
        ]
    )

    /// Options given before the subcommand (`portal-cli --database … migrate`).
    @OptionGroup public var globals: GlobalOptions

    public init() {}
}

extension PortalCommand {
    /// Parses the process's arguments, runs the chosen command and exits with its status.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli billing settings|run|remind`: a tenant's billing settings and the scheduled billing work.
struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Billing settings, billing runs and payment reminders.",
        subcommands: [Settings.self, Run.self, Remind.self])

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a tenant's billing settings, or change the ones given.",
            discussion: """
                --seller-address replaces every address line (repeat it, one line each); an empty --seller-tax-id, \
                --seller-email or --footer clears it.
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Days from the issue date to the due date (0-365).", valueName: "days"))
        var paymentTerms: Int?

        @Option(help: ArgumentHelp("Days before a period starts that its invoice is generated (0-90).", valueName: "days"))
        var leadDays: Int?

        @Option(help: ArgumentHelp("One line of the tenant's address on invoices (repeatable).", valueName: "line"))
        var sellerAddress: [String] = []

        @Option(help: "The tenant's tax number on invoices.")
        var sellerTaxId: String?

        @Option(help: "The tenant's email on invoices.")
        var sellerEmail: String?

        @Option(help: "Printed at the foot of every invoice.")
        var footer: String?

        @Option(help: ArgumentHelp("Whether usage may take credit balances below zero.", valueName: "true|false"))
        var allowNegativeCredits: Bool?

        @Option(help: "When upgrades take effect: immediately or next_renewal.")
        var upgradeTiming: String?

        @Option(help: "When downgrades take effect: immediately or next_renewal.")
        var downgradeTiming: String?

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let service = assembled.portal.billing.settings
                let current = try await service.get(by: scope.principal)
                var settings = current
                if let paymentTerms { settings.paymentTermsDays = paymentTerms }
                if let leadDays { settings.invoiceLeadDays = leadDays }
                if !sellerAddress.isEmpty { settings.sellerAddress = sellerAddress.filter { !$0.isEmpty } }
                if let sellerTaxId { settings.sellerTaxId = sellerTaxId.isEmpty ? nil : sellerTaxId }
                if let sellerEmail { settings.sellerEmail = sellerEmail.isEmpty ? nil : sellerEmail }
                if let footer { settings.invoiceFooter = footer.isEmpty ? nil : footer }
                if let allowNegativeCredits { settings.allowNegativeCredits = allowNegativeCredits }
                if let timing = try InputValidation.choice(upgradeTiming, as: PlanChangeTiming.self, field: "upgrade_timing") {
                    settings.upgradeTiming = timing
                }
                if let timing = try InputValidation.choice(downgradeTiming, as: PlanChangeTiming.self, field: "downgrade_timing") {
                    settings.downgradeTiming = timing
                }
                if settings != current { settings = try await service.update(settings, by: scope.principal) }
                session.output.emit(settings) {
                    DetailLines([
                        ("Payment terms", "\(settings.paymentTermsDays) days"),
                        ("Invoice lead", "\(settings.invoiceLeadDays) days"),
                        ("Negative credits", settings.allowNegativeCredits ? "allowed" : "not allowed"),
                        ("Upgrades", settings.upgradeTiming.rawValue), ("Downgrades", settings.downgradeTiming.rawValue),
                        ("Seller address", settings.sellerAddress.isEmpty ? "-" : settings.sellerAddress.joined(separator: ", ")),
                        ("Seller tax id", settings.sellerTaxId.cell), ("Seller email", settings.sellerEmail.cell),
                        ("Invoice footer", settings.invoiceFooter.cell),
                    ]).rendered
                }
            }
        }
    }

    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the payment reminders due (3 days before, on and after the due date), once each.",
            discussion: "Sweeps one tenant with --tenant, else every tenant. Overdue invoices are marked overdue.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand

        @Option(help: ArgumentHelp("Only this tenant (default: every tenant).", valueName: "slug"))
        var tenant: String?

        @Option(help: ArgumentHelp("The day to remind for (default: today in each tenant's time zone).", valueName: "YYYY-MM-DD"))
        var date: String?

        struct Report: Encodable {
            let tenant: String
            let date: LocalDate
            let remindersSent: Int
            let markedOverdue: Int
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withPortal { assembled, _ in
                let day = try date.map { try BillingInput.date($0, field: "date") }
                var reports: [Report] = []
                for scope in try await BillingTenants.scopes(tenant, in: assembled.portal) {
                    let summary = try await assembled.portal.billing.reminders.sweep(on: day, by: scope.principal)
                    reports.append(Report(
                        tenant: scope.tenant.slug, date: summary.date, remindersSent: summary.remindersSent,
                        markedOverdue: summary.markedOverdue))
                }
                session.output.emit(reports) {
                    Table(
                        headers: ["TENANT", "DATE", "REMINDERS SENT", "MARKED OVERDUE"],
                        rows: reports.map { [$0.tenant, $0.date.iso8601, String($0.remindersSent), String($0.markedOverdue)] })
                }
            }
        }
    }
}

/// The tenants a billing command without `--tenant` goes through.
enum BillingTenants {
    /// The tenant `slug` names, or every tenant by slug.
    static func scopes(_ slug: String?, in portal: Portal) async throws -> [OperatorScope] {
        if let slug { return [try await OperatorScope.resolve(slug: slug, in: portal)] }
        return try await portal.identity.tenants.all().map(OperatorScope.init(tenant:))
    }
}

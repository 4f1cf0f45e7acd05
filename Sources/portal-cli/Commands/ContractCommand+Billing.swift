import ArgumentParser
import PortalAssembly
import PortalKernel

extension ContractCommand {
    /// `contract billing configure|preview|enable|disable|periods`.
    struct Billing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "billing", abstract: "Configure, preview and switch a contract's billing, and list its periods.",
            subcommands: [Configure.self, Preview.self, Enable.self, Disable.self, Periods.self])

        struct Configure: TenantScopedCommand {
            static let configuration = CommandConfiguration(abstract: "Set how often and over which dates a contract bills.")

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            @Option(help: "monthly, quarterly or custom.")
            var frequency: String

            @Option(help: ArgumentHelp("The period length for custom (1-120).", valueName: "months"))
            var intervalMonths: Int?

            @Option(help: ArgumentHelp("The first day of the first period (default: the earliest line item's).", valueName: "YYYY-MM-DD"))
            var start: String?

            @Option(help: ArgumentHelp("Charges on or after this day are not billed.", valueName: "YYYY-MM-DD"))
            var end: String?

            func run() async throws {
                try await perform { tenant in
                    let frequency = try BillingInput.choice(self.frequency, as: ContractBillingFrequency.self, field: "frequency")
                    return try await tenant.billing.contractBilling.configure(
                        try ContractID(parsing: id, field: "id"),
                        ContractBillingSettings(
                            frequency: frequency, intervalMonths: intervalMonths,
                            startDate: try start.map { try BillingInput.date($0, field: "start") },
                            endDate: try end.map { try BillingInput.date($0, field: "end") }),
                        by: tenant.principal)
                } message: { contract in
                    "\"\(contract.title)\" bills every \(contract.billingInterval.name)"
                        + (contract.billingStartDate.map { " from \($0)" } ?? "") + "."
                }
            }
        }

        struct Preview: TenantScopedCommand {
            static let configuration = CommandConfiguration(
                abstract: "The periods enabling billing would create, with their lines; writes nothing.")

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            func run() async throws {
                try await withTenant { tenant in
                    let periods = try await tenant.billing.contractBilling.preview(
                        try ContractID(parsing: id, field: "id"), by: tenant.principal)
                    tenant.output.emit(periods) {
                        Table(
                            headers: ["#", "START", "END", "TOTAL", "LINES"],
                            rows: periods.map { period in
                                [String(period.index), period.start.iso8601, period.end.iso8601, period.total.formatted(),
                                 period.lines.map { "\($0.description) \($0.amount.formatted())" }.joined(separator: "; ")]
                            })
                    }
                }
            }
        }

        struct Enable: TenantScopedCommand {
            static let configuration = CommandConfiguration(
                abstract: "Switch billing on (a signed or active contract): the previewed periods are stored as pending.")

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            func run() async throws {
                try await perform { tenant in
                    try await tenant.billing.contractBilling.enableBilling(try ContractID(parsing: id, field: "id"), by: tenant.principal)
                } message: { "Billing of \"\($0.title)\" is on from \($0.billingStartDate?.iso8601 ?? "-")." }
            }
        }

        struct Disable: TenantScopedCommand {
            static let configuration = CommandConfiguration(
                abstract: "Switch billing off; pending periods wait until it is on again.")

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            func run() async throws {
                try await perform { tenant in
                    try await tenant.billing.contractBilling.disableBilling(try ContractID(parsing: id, field: "id"), by: tenant.principal)
                } message: { "Billing of \"\($0.title)\" is off." }
            }
        }

        struct Periods: TenantScopedCommand {
            static let configuration = CommandConfiguration(abstract: "List a contract's stored billing periods.")

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            func run() async throws {
                try await withTenant { tenant in
                    let periods = try await tenant.billing.contractBilling.periods(
                        try ContractID(parsing: id, field: "id"), by: tenant.principal)
                    tenant.output.emit(periods) {
                        Table(
                            headers: ["#", "START", "END", "TOTAL", "STATUS", "INVOICED", "PAID", "INVOICE"],
                            rows: periods.map { period in
                                [String(period.index), period.periodStart.iso8601, period.periodEnd.iso8601, period.total.formatted(),
                                 period.status.rawValue, period.invoiceDate?.iso8601 ?? "-", period.paymentDate?.iso8601 ?? "-",
                                 period.invoiceId?.uuidString ?? "-"]
                            })
                    }
                }
            }
        }
    }
}

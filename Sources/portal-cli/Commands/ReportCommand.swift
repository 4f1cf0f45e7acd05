import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli report revenue|outstanding`: a tenant's billing figures, always per currency.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Revenue and outstanding-balance reports, per currency.",
        subcommands: [Revenue.self, Outstanding.self])

    struct Revenue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Monthly recurring revenue, and what was invoiced, credited and collected each month.",
            discussion: "Amounts in --json are minor units (cents) with their currency; currencies are never added together.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The first day (default: the first of the month 11 months ago).", valueName: "YYYY-MM-DD"))
        var from: String?

        @Option(help: ArgumentHelp("The last day (default: today).", valueName: "YYYY-MM-DD"))
        var to: String?

        struct Report: Encodable {
            let from: LocalDate
            let to: LocalDate
            let monthlyRecurringRevenue: [Money]
            let months: [MonthlyRevenue]
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let reports = assembled.portal.billing.reports
                let today = scope.tenant.timeZone.localDate(of: assembled.portal.clock.now())
                let through = try to.map { try BillingInput.date($0, field: "to") } ?? today
                let start = try from.map { try BillingInput.date($0, field: "from") }
                    ?? BillingInput.startOfMonth(through, monthsBefore: 11)
                guard start <= through else { throw PortalError.invalid("--from must not be after --to.", field: "from") }
                let report = Report(
                    from: start, to: through, monthlyRecurringRevenue: try await reports.monthlyRecurringRevenue(by: scope.principal),
                    months: try await reports.revenueByMonth(from: start, through: through, by: scope.principal))
                session.output.emit(report) {
                    "Monthly recurring revenue: \(report.monthlyRecurringRevenue.listText)\n\n"
                        + "Revenue from \(start) to \(through):\n"
                        + Table(
                            headers: ["MONTH", "CURRENCY", "INVOICED", "CREDITED", "COLLECTED"],
                            rows: report.months.map { month in
                                [month.month, month.currency.code, Money.text(month.invoiced, month.currency),
                                 Money.text(month.credited, month.currency), Money.text(month.collected, month.currency)]
                            }
                        ).rendered
                }
            }
        }
    }

    struct Outstanding: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What is still owed and overdue, per currency and per company, with customer credit held.",
            discussion: "Amounts in --json: totals as money objects, company balances in minor units with their currency.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        struct Report: Encodable {
            let totals: [OutstandingAmount]
            let companies: [CompanyBalance]
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let reports = assembled.portal.billing.reports
                let report = Report(
                    totals: try await reports.outstanding(by: scope.principal),
                    companies: try await reports.companyBalances(by: scope.principal))
                session.output.emit(report) {
                    Table(
                        headers: ["CURRENCY", "OUTSTANDING", "OVERDUE", "INVOICES"],
                        rows: report.totals.map { [$0.outstanding.currency.code, $0.outstanding.formatted(), $0.overdue.formatted(), String($0.invoices)] }
                    ).rendered + "\n"
                        + Table(
                            headers: ["COMPANY", "CURRENCY", "OUTSTANDING", "OVERDUE", "CUSTOMER CREDIT"],
                            rows: report.companies.map { balance in
                                [balance.companyName, balance.currency.code, Money.text(balance.outstanding, balance.currency),
                                 Money.text(balance.overdue, balance.currency), Money.text(balance.customerCredit, balance.currency)]
                            }
                        ).rendered
                }
            }
        }
    }
}

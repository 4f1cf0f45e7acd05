import ArgumentParser
import PortalAssembly
import PortalKernel

extension BillingCommand {
    /// `billing run`: invoices every due subscription and contract period of one tenant or all.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invoice every subscription and contract period that is due, once.",
            discussion: """
                A period is due when it starts by the run date plus the tenant's invoice lead days. Runs one tenant \
                with --tenant, else every tenant. Running again for the same date creates nothing new. A progress \
                bar is drawn on standard error when it is a terminal. Exits 0 when every due period was billed, and \
                \(periodsFailed) when some could not be (the summary lists each with its reason; the next run retries them).
                """)

        /// The exit status when some periods could not be billed.
        static let periodsFailed = ExitStatus.billingPeriodsFailed
        static let periodsFailedCode = PortalError.Code(rawValue: "billing_periods_failed")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand

        @Option(help: ArgumentHelp("Only this tenant (default: every tenant).", valueName: "slug"))
        var tenant: String?

        @Option(help: ArgumentHelp("Bill through this day (default: today in each tenant's time zone).", valueName: "YYYY-MM-DD"))
        var date: String?

        @Flag(help: "Count what would be invoiced; write nothing.")
        var dryRun = false

        @Option(help: "Periods billed per transaction (each in its own savepoint), and between cancellation checks.")
        var batchSize = 50

        @Flag(help: "Write one progress line per billed period to standard error (`acme 12/36`) instead of a bar.")
        var progressLines = false

        func validate() throws {
            guard (1...1000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 1000.") }
        }

        /// A period, or a whole tenant, that could not be billed.
        struct Failure: Encodable {
            let tenant: String
            let scheduleType: String
            let scheduleId: String
            let periodKey: String
            let reason: String
        }

        struct TenantRun: Encodable {
            let tenant: String
            let summary: BillingRunSummary?
            let error: String?
        }

        struct Report: Encodable {
            var date: LocalDate?
            var dryRun: Bool
            var invoicesCreated = 0
            var invoiceNumbers: [String] = []
            var totals: [Money] = []
            var skipped = 0
            var failed: [Failure] = []
            var tenants: [TenantRun] = []

            mutating func add(_ summary: BillingRunSummary, tenant: String) throws {
                invoicesCreated += summary.invoicesCreated
                invoiceNumbers += summary.invoiceNumbers
                skipped += summary.skipped
                for total in summary.totals { try totals.accumulate(total) }
                failed += summary.failed.map {
                    Failure(tenant: $0.tenant, scheduleType: $0.scheduleType, scheduleId: $0.scheduleId, periodKey: $0.periodKey, reason: $0.reason)
                }
                tenants.append(TenantRun(tenant: tenant, summary: summary, error: nil))
            }
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            var failures = 0
            try await session.withPortal { assembled, _ in
                let portal = assembled.portal
                var report = Report(date: try date.map { try BillingInput.date($0, field: "date") }, dryRun: dryRun)
                let bar = BillingProgressBar(lines: progressLines)
                for scope in try await BillingTenants.scopes(tenant, in: portal) {
                    let slug = scope.tenant.slug
                    do {
                        let summary = try await portal.billing.runs.run(
                            through: report.date, dryRun: dryRun, batchSize: batchSize, by: scope.principal
                        ) { progress in
                            bar.show(slug, done: progress.done, total: progress.total)
                        }
                        bar.clear()
                        try report.add(summary, tenant: slug)
                    } catch let error as PortalError where tenant == nil {
                        // One tenant that cannot be billed does not stop the others.
                        bar.clear()
                        report.failed.append(Failure(
                            tenant: slug, scheduleType: "tenant", scheduleId: scope.tenant.id.uuidString, periodKey: "",
                            reason: error.message))
                        report.tenants.append(TenantRun(tenant: slug, summary: nil, error: error.message))
                    }
                }
                failures = report.failed.count
                session.output.emit(report) { Self.text(report) }
            }
            if failures > 0 {
                session.output.error(PortalError(
                    Self.periodsFailedCode, "\(failures) billing period(s) could not be billed; the summary says why."))
                throw ExitCode(Self.periodsFailed)
            }
        }

        static func text(_ report: Report) -> String {
            let through = report.date.map { "through \($0)" } ?? "through today in each tenant's time zone"
            let table = Table(
                headers: ["TENANT", "DATE", report.dryRun ? "WOULD INVOICE" : "INVOICES", "TOTAL", "SKIPPED", "FAILED"],
                rows: report.tenants.map { run in
                    guard let summary = run.summary else { return [run.tenant, "-", "-", "-", "-", "all: \(run.error ?? "")"] }
                    return [
                        run.tenant, summary.date.iso8601, String(summary.invoicesCreated), summary.totals.listText,
                        String(summary.skipped), String(summary.failed.count),
                    ]
                })
            var lines = [
                "\(report.dryRun ? "Dry run (nothing written)" : "Billing run") \(through)", "", table.rendered,
                report.dryRun
                    ? "Invoices that would be created: \(report.invoicesCreated)"
                    : "Invoices created: \(report.invoicesCreated)"
                        + (report.invoiceNumbers.isEmpty ? "" : " (\(report.invoiceNumbers.joined(separator: ", ")))"),
            ]
            if !report.dryRun { lines.append("Total: \(report.totals.listText)") }
            lines.append("Skipped: \(report.skipped)")
            lines.append("Failed: \(report.failed.count)")
            lines += report.failed.map { failure in
                let period = failure.periodKey.isEmpty ? "" : " \(failure.periodKey)"
                return "  \(failure.tenant) \(failure.scheduleType) \(failure.scheduleId)\(period): \(failure.reason)"
            }
            return lines.joined(separator: "\n")
        }
    }
}

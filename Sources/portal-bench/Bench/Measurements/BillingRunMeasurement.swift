import Foundation
import PortalAssembly
import PortalKernel

/// The billing run as operators run it: the release `portal-cli billing run` process, timed from
/// start to exit, with its peak resident memory; then a second run that must create nothing, and
/// a check that every invoice number was issued once, without gaps.
public struct BillingRunMeasurement: Sendable {
    public struct Result: Sendable, Codable {
        public var subscriptions: Int
        public var invoicesCreated: Int
        public var seconds: Double
        public var invoicesPerSecond: Double
        /// Microseconds per invoice.
        public var microsecondsPerInvoice: Double
        public var peakResidentBytes: Int
        /// The raw insert rate of the same invoice and line rows (see ``InsertCeiling``).
        public var ceilingInvoicesPerSecond: Double
        public var ratioToCeiling: Double
        public var secondRunCreated: Int
        public var secondRunSeconds: Double
        public var numbering: NumberingCheck.Result
    }

    let cli: String
    let database: BenchDatabase

    public init(cli: String, database: BenchDatabase) {
        self.cli = cli
        self.database = database
    }

    /// Runs the billing run through `date` twice and measures the raw-insert ceiling for as
    /// many invoices as the first run created.
    public func run(date: LocalDate, subscriptions: Int, tenants: [SeededTenant]) async throws -> Result {
        let first = try await billingRun(date: date)
        let second = try await billingRun(date: date)
        let numbering = try await database.withKernel { assembled in
            try await NumberingCheck.check(tenants: tenants, database: assembled.portal.database)
        }
        let ceiling = try await database.withKernel { assembled in
            try await InsertCeiling.measure(
                invoices: max(first.invoices, 1), tenant: tenants[0].id, database: assembled.portal.database)
        }
        let perSecond = first.exit.seconds > 0 ? Double(first.invoices) / first.exit.seconds : 0
        return Result(
            subscriptions: subscriptions, invoicesCreated: first.invoices, seconds: first.exit.seconds,
            invoicesPerSecond: perSecond,
            microsecondsPerInvoice: first.invoices > 0 ? first.exit.seconds * 1e6 / Double(first.invoices) : 0,
            peakResidentBytes: first.exit.peakResidentBytes, ceilingInvoicesPerSecond: ceiling,
            ratioToCeiling: ceiling > 0 ? perSecond / ceiling : 0, secondRunCreated: second.invoices,
            secondRunSeconds: second.exit.seconds, numbering: numbering)
    }

    /// One `portal-cli --json billing run --date D` over every tenant.
    func billingRun(date: LocalDate) async throws -> (exit: ChildProcess.Exit, invoices: Int) {
        let exit = try await ChildProcess.run(
            cli, ["--json", "billing", "run", "--date", date.iso8601], environment: database.environment)
        guard exit.status == 0 else {
            throw PortalError.unavailable(
                "portal-cli billing run exited with \(exit.status).", debugDetail: String(exit.errorOutput.suffix(4_000)))
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(exit.output.utf8)) as? [String: Any],
            let created = object["invoices_created"] as? Int
        else {
            throw PortalError.unavailable("portal-cli billing run printed no report.", debugDetail: String(exit.output.prefix(2_000)))
        }
        return (exit, created)
    }
}

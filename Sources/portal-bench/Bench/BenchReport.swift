import Foundation
import PortalKernel

/// What one backend measured.
public struct BackendReport: Sendable, Codable {
    public var backend: BenchDatabase.Backend
    public var seedSeconds = 0.0
    public var startupSeconds = 0.0
    public var idleResidentBytes = 0
    public var portal: PortalViewMeasurement.Result?
    public var smallBillingRun: BillingRunMeasurement.Result?
    public var largeBillingRun: BillingRunMeasurement.Result?
    public var payments: PaymentMeasurement.Result?
    public var numbering: NumberingContention.Result?

    /// Cost per invoice of the large run over that of the small one (1.0: flat).
    public var perInvoiceGrowth: Double? {
        guard let small = smallBillingRun?.microsecondsPerInvoice, let large = largeBillingRun?.microsecondsPerInvoice,
            small > 0
        else { return nil }
        return large / small
    }

    public init(backend: BenchDatabase.Backend) {
        self.backend = backend
    }
}

/// The whole run: the machine, the data set, every backend's results, and the table of targets.
public struct BenchReport: Sendable, Codable {
    public var startedAt = Date()
    public var cores = ProcessInfo.processInfo.activeProcessorCount
    public var memoryBytes = Int(ProcessInfo.processInfo.physicalMemory)
    public var shape: DataSetShape
    public var smallBillingRun: Int
    public var backends: [BackendReport] = []

    public init(shape: DataSetShape, smallBillingRun: Int) {
        self.shape = shape
        self.smallBillingRun = smallBillingRun
    }

    /// One line of the table: a quantity on every backend, and the target when there is one.
    public struct Row: Sendable, Codable {
        public var measurement: String
        public var target: String
        /// One cell per backend, in report order.
        public var values: [String]
        /// Per backend: nil without a target, else whether it was met.
        public var met: [Bool?]
    }

    /// The rows of the table.
    public var rows: [Row] {
        var rows: [Row] = []
        func add(_ name: String, target: String = "", _ cell: (BackendReport) -> (String, Bool?)?) {
            let cells = backends.map { cell($0) ?? ("-", nil) }
            rows.append(Row(measurement: name, target: target, values: cells.map(\.0), met: cells.map(\.1)))
        }
        let large = shape.subscriptions.formatted()
        let small = smallBillingRun.formatted()
        add("seed full data set (s)") { (fixed($0.seedSeconds, 1), nil) }
        add("server ready after start (s)", target: "< 0.5") { ($0.startupSeconds.formatted3, $0.startupSeconds < 0.5) }
        add("idle server resident (MB)", target: "< 50") { (megabytes($0.idleResidentBytes), $0.idleResidentBytes < 50 << 20) }
        add("/healthz req/s") { $0.portal.map { (whole($0.healthz.requestsPerSecond), nil) } }
        add("/healthz p50 / p99 (ms)") { $0.portal.map { (latency($0.healthz), nil) } }
        add("portal view req/s") { $0.portal.map { (whole($0.portal.requestsPerSecond), nil) } }
        add("portal view p50 / p99 (ms)", target: "p99 ≤ 10 (SQLite)") { report in
            report.portal.map { (latency($0.portal), report.backend == .sqlite ? $0.portal.p99Milliseconds <= 10 : nil) }
        }
        add("portal view / healthz", target: "≥ 20 % SQLite, ≥ 8 % PG") { report in
            report.portal.map { ($0.ratioToHealthz.percent, $0.ratioToHealthz >= (report.backend == .sqlite ? 0.20 : 0.08)) }
        }
        add("portal view errors", target: "0") { $0.portal.map { (String($0.portal.errors + $0.healthz.errors), $0.portal.errors + $0.healthz.errors == 0) } }
        for (index, size) in shape.growthDeliverables.enumerated() {
            add("portal view, \(size) deliverables: p50 / p99 (ms)") { report in
                report.portal.flatMap { index < $0.growth.count ? (latency($0.growth[index].load) + " (\(kilobytes($0.growth[index].responseBytes)))", nil) : nil }
            }
        }
        for (label, pick) in [(small, \BackendReport.smallBillingRun), (large, \BackendReport.largeBillingRun)] {
            add("billing run \(label): s, invoices/s") { $0[keyPath: pick].map { ("\(fixed($0.seconds, 1)) s, \(whole($0.invoicesPerSecond))/s", nil) } }
            add("billing run \(label): raw insert ceiling (invoices/s)") { $0[keyPath: pick].map { (whole($0.ceilingInvoicesPerSecond), nil) } }
            add("billing run \(label): share of ceiling", target: "≥ 15 %") { $0[keyPath: pick].map { ($0.ratioToCeiling.percent, $0.ratioToCeiling >= 0.15) } }
            add("billing run \(label): peak resident (MB)", target: label == large ? "< 200" : "") { run in
                run[keyPath: pick].map { (megabytes($0.peakResidentBytes), label == large ? $0.peakResidentBytes < 200 << 20 : nil) }
            }
            add("billing run \(label): second run creates", target: "0") { $0[keyPath: pick].map { (String($0.secondRunCreated), $0.secondRunCreated == 0) } }
            add("billing run \(label): numbering gaps / duplicates", target: "0 / 0") {
                $0[keyPath: pick].map { ("\($0.numbering.gaps) / \($0.numbering.duplicates)", $0.numbering.ok) }
            }
        }
        add("per-invoice cost \(large) vs \(small)", target: "≤ 1.20") { $0.perInvoiceGrowth.map { (fixed($0, 2), $0 <= 1.2) } }
        add("payments via API (32 clients): payments/s") { $0.payments.map { (whole($0.paymentsPerSecond), nil) } }
        add("payments: paid exactly once / errors", target: "all / 0") {
            $0.payments.map { ("\($0.paidExactlyOnce)/\($0.invoices) / \($0.errors)", $0.ok) }
        }
        add("numbering, 8 writers: invoices finalized/s") { $0.numbering.map { (whole($0.invoicesPerSecond), nil) } }
        add("numbering, 8 writers: gaps / duplicates / failures", target: "0 / 0 / 0") {
            $0.numbering.map { ("\($0.numbering.gaps) / \($0.numbering.duplicates) / \($0.failures)", $0.numbering.ok && $0.failures == 0) }
        }
        return rows
    }

    /// The table as printed.
    public var table: String {
        let headers = ["MEASUREMENT", "TARGET"] + backends.map { $0.backend.rawValue }
        let body = rows.map { row in
            [row.measurement, row.target] + zip(row.values, row.met).map { value, met in
                value + (met.map { $0 ? "  ok" : "  MISSED" } ?? "")
            }
        }
        let widths = headers.indices.map { column in ([headers] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        let shapeLine = "data set: \(shape.tenants) tenants, \(shape.companies) companies, \(shape.engagements) engagements × "
            + "\(shape.deliverablesPerEngagement) deliverables, \(shape.milestonesPerEngagement) milestones, "
            + "\(shape.paymentsPerEngagement) payments; \(shape.subscriptions) subscriptions"
        let machine = "machine: \(cores) cores, \(memoryBytes >> 30) GiB"
        return ([machine, shapeLine, "", line(headers)] + body.map(line)).joined(separator: "\n")
    }

    /// The JSON written under `.bench/`: every measured value plus the table's rows.
    public func json() throws -> Data {
        struct Document: Encodable {
            let report: BenchReport
            let table: [Row]
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(Document(report: self, table: rows))
    }
}

private func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
private func whole(_ value: Double) -> String { Int(value.rounded()).formatted() }
private func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) }
private func kilobytes(_ bytes: Int) -> String { "\(fixed(Double(bytes) / 1024, 1)) KB" }
private func latency(_ result: WrkLoad.Result) -> String { "\(fixed(result.p50Milliseconds, 2)) / \(fixed(result.p99Milliseconds, 2))" }

extension Double {
    fileprivate var percent: String { String(format: "%.1f %%", self * 100) }
    fileprivate var formatted3: String { String(format: "%.3f", self) }
}

import ArgumentParser
import Foundation
import PortalBench
import PortalKernel

/// `portal-bench`: measures the hot paths of the release binaries against in-run ceilings, on
/// SQLite and on a private PostgreSQL server, and writes the table and its JSON under `.bench/`.
/// `make bench` builds the release binaries and runs it; see docs/performance.md.
@main
struct PortalBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal-bench",
        abstract: "Measure the portal view, billing runs, payments and numbering on SQLite and PostgreSQL.",
        discussion: """
            Prints one table (with the machine's core count) and writes the same, with every measured value, \
            to <output>/bench-<time>.json and <output>/latest.json. Targets are reported, never enforced: the \
            exit status is 0 whenever every measurement ran and every correctness check (no errors, no gaps, \
            nothing billed twice) held.
            """)

    @Option(help: "Which databases to measure: sqlite, postgres or all.")
    var backend = "all"

    @Flag(help: "A small data set and 3-second loads: checks the benchmark itself works.")
    var quick = false

    @Option(help: "Seconds of load for the portal view and /healthz.")
    var seconds = 20

    @Option(help: "Where the release portal-http and portal-cli are.")
    var binaries = ".build/release"

    @Option(help: "Where the report goes.")
    var output = ".bench"

    @Option(help: ArgumentHelp(
        "Only seed the data set into a new SQLite file (or a postgres:// URL) and stop: for profiling one path by hand.",
        valueName: "sqlite-path-or-url"))
    var seedOnly: String?

    @Option(help: "With --seed-only: subscriptions in the data set (default: the full or --quick shape's).")
    var subscriptions: Int?

    func run() async throws {
        if let seedOnly {
            var shape = quick ? DataSetShape.smoke : DataSetShape.full
            if let subscriptions { shape.subscriptions = subscriptions }
            let data = try await BenchSuite.seedOnly(seedOnly, shape: shape) { line in
                FileHandle.standardError.write(Data("\(line)\n".utf8))
            }
            print("Seeded \(seedOnly): run date \(data.runDate), first tenant \(data.tenants[0].slug), token \(data.tenants[0].apiToken)")
            if let engagement = data.engagements.first {
                print("An engagement: /api/v1/engagements/\(engagement.proposalId)/portal")
            }
            return
        }
        var options = BenchSuite.Options()
        switch backend {
        case "all": options.backends = BenchDatabase.Backend.allCases
        default:
            guard let one = BenchDatabase.Backend(rawValue: backend) else {
                throw ValidationError("--backend is sqlite, postgres or all.")
            }
            options.backends = [one]
        }
        options.binaries = binaries
        options.workDirectory = output + "/work"
        options.load.seconds = seconds
        if quick {
            options.shape = .smoke
            options.smallBillingRun = 100
            options.load.seconds = 3
            options.growthLoad.seconds = 2
            options.payments = PaymentMeasurement(clients: 32, invoicesPerTenant: 20)
            options.numbering = NumberingContention(writers: 8, invoices: 80)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let report = try await BenchSuite(options: options) { line in
            FileHandle.standardError.write(Data("[\(Self.elapsed(since: started, clock: clock))] \(line)\n".utf8))
        }.run()
        print(report.table)
        let json = try report.json()
        let stamp = ISO8601DateFormatter().string(from: report.startedAt).replacingOccurrences(of: ":", with: "")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try json.write(to: URL(fileURLWithPath: "\(output)/bench-\(stamp).json"))
        try json.write(to: URL(fileURLWithPath: "\(output)/latest.json"))
        print("\nWritten: \(output)/bench-\(stamp).json (and \(output)/latest.json)")
        let broken = report.rows.filter { row in
            ["errors", "exactly once", "gaps", "second run"].contains { row.measurement.contains($0) } && row.met.contains(false)
        }
        if !broken.isEmpty {
            throw ValidationError("Correctness checks failed: " + broken.map(\.measurement).joined(separator: "; "))
        }
    }

    static func elapsed(since start: ContinuousClock.Instant, clock: ContinuousClock) -> String {
        let seconds = Int((clock.now - start).components.seconds)
        return String(format: "%02d:%02d", seconds / 60, seconds % 60)
    }
}

import Foundation
import PortalKernel
import Testing

@testable import PortalBench

/// The benchmark's own arithmetic and parsing: what it reports must be right before any number
/// it prints is worth reading.
@Suite("Benchmark tools")
struct BenchToolsTests {
    @Test func numberingAuditFindsDuplicatesAndGapsPerSeries() {
        #expect(NumberingCheck.audit(["INV-2026-12-00001", "INV-2026-12-00002", "INV-2027-01-00001"]) == (0, 0))
        #expect(NumberingCheck.audit(["INV-2026-12-00001", "INV-2026-12-00001"]) == (1, 0))
        #expect(NumberingCheck.audit(["INV-2026-12-00001", "INV-2026-12-00003"]) == (0, 1))
        #expect(NumberingCheck.audit(["A-2", "B-1"]) == (0, 1), "series A starts at 2: value 1 is missing")
        #expect(NumberingCheck.audit([]) == (0, 0))
    }

    @Test func wrkSummaryLineIsParsedIntoRatesAndMilliseconds() throws {
        let result = try WrkLoad.parse(
            #"{"requests":40000,"duration_microseconds":20000000,"p50_microseconds":1500,"p99_microseconds":9000,"errors":3}"#)
        #expect(result.requests == 40_000)
        #expect(abs(result.requestsPerSecond - 2_000) < 0.001)
        #expect(abs(result.p50Milliseconds - 1.5) < 0.0001)
        #expect(abs(result.p99Milliseconds - 9) < 0.0001)
        #expect(result.errors == 3)
    }

    @Test func wrkScriptCarriesEveryTargetEscapedWithItsToken() {
        let script = WrkLoad.script(for: [
            WrkLoad.Target(path: "/healthz"), WrkLoad.Target(path: "/a\"b", bearerToken: "pt_secret"),
        ])
        #expect(script.contains(#""/healthz","#))
        #expect(script.contains(#""/a\"b","#))
        #expect(script.contains(#""pt_secret","#))
        #expect(script.contains("function done(summary, latency, requests)"))
    }

    @Test func insertCopiesEveryColumnAndReplacesTheNamedOnes() {
        let row = SQLRow(columns: SQLColumns(["id", "number", "total"]), values: [.text("a"), .text("INV-1"), .integer(4_900)])
        let statement = InsertCeiling.insert(row, into: "invoices", replacing: ["id": .text("b")])
        #expect(statement.bindings == [.text("b"), .text("INV-1"), .integer(4_900)])
        #expect(statement.sql.hasPrefix("INSERT INTO invoices (id, number, total) VALUES ("))
    }

    @Test func tableMarksTargetsPerBackend() {
        var report = BenchReport(shape: .smoke, smallBillingRun: 100)
        var sqlite = BackendReport(backend: .sqlite)
        sqlite.startupSeconds = 0.2
        sqlite.idleResidentBytes = 80 << 20
        report.backends = [sqlite]
        let ready = report.rows.first { $0.measurement.hasPrefix("server ready") }
        let idle = report.rows.first { $0.measurement.hasPrefix("idle server") }
        #expect(ready?.met == [true])
        #expect(idle?.met == [false])
        #expect(report.table.contains("MISSED"))
        #expect(report.table.contains("cores"))
    }

    @Test func childProcessReportsExitStatusOutputAndPeakMemory() async throws {
        let exit = try await ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; sleep 0.3; exit 3"], environment: [:])
        #expect(exit.status == 3)
        #expect(exit.output == "out\n")
        #expect(exit.errorOutput == "err\n")
        #expect(exit.peakResidentBytes > 0)
    }
}

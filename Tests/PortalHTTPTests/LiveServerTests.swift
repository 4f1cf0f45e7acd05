import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

@Suite("The running server")
struct LiveServerTests {
    @Test("the server runs job workers in-process and serves over a real socket")
    func inProcessWorkers() async throws {
        let installation = try await TestInstallation.make(
            environment: ["PORTAL_JOBS_IN_PROCESS": "true", "PORTAL_JOBS_POLL_INTERVAL_MS": "20"])
        let portal = installation.assembled.portal
        let jobID = try #require(try await portal.jobs.enqueue(NewJob(kind: JobMaintenance.kind, payload: "{}")))
        let app = PortalHTTPServer.makeApplication(assembled: installation.assembled, metrics: nil, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            var status = JobStatus.queued
            for _ in 0..<200 where status != .succeeded {
                try await Task.sleep(for: .milliseconds(25))
                status = try await portal.jobs.job(jobID).status
            }
            #expect(status == .succeeded)
            let next = try await portal.jobs.list(JobFilter(status: .queued, kind: JobMaintenance.kind))
            #expect(next.count == 1, "maintenance schedules its next run")
        }
        await installation.tearDown()
    }
}

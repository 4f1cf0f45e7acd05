import ArgumentParser
import Foundation
import PortalAssembly
import PortalKernel

/// `portal-cli jobs list|retry|work`: the durable job queue, for operators.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Inspect, retry and run background jobs.",
        subcommands: [List.self, Retry.self, Work.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs, oldest first.")

        @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

        @Option(help: "Only jobs in this state: queued, running, succeeded or dead.")
        var status: String?

        @Option(help: "Only jobs of this kind.")
        var kind: String?

        @Option(help: "Show jobs after this id (paging).")
        var after: String?

        @Option(help: "At most this many jobs (1-1000).")
        var limit = 100

        func validate() throws {
            if let status, JobStatus(rawValue: status) == nil {
                throw ValidationError("--status must be one of: queued, running, succeeded, dead.")
            }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000.") }
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withPortal { assembled, _ in
                let filter = JobFilter(
                    status: status.flatMap(JobStatus.init(rawValue:)), kind: kind,
                    after: try after.map { try JobID(parsing: $0, field: "after") }, limit: limit)
                let jobs = try await assembled.portal.jobs.list(filter)
                session.output.emit(jobs) {
                    Table(
                        headers: ["ID", "KIND", "STATUS", "ATTEMPTS", "RUN AT", "LAST ERROR"],
                        rows: jobs.map { job in
                            [job.id.uuidString, job.kind, job.status.rawValue, "\(job.attempts)/\(job.maxAttempts)",
                             job.runAt.iso8601, String((job.lastError ?? "").prefix(60))]
                        })
                }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a dead job back in the queue, due now.")

        @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

        @Argument(help: "The id of a dead job.")
        var id: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withPortal { assembled, _ in
                let job = try await assembled.portal.jobs.retry(try JobID(parsing: id, field: "id"))
                session.output.message("Job \(job.id) (\(job.kind)) is queued again.", json: job)
            }
        }
    }

    struct Work: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run job workers in this process until interrupted (or once with --once).")

        @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

        @Flag(help: "Run what is due now, then exit.")
        var once = false

        @Option(help: "Jobs run at the same time (default: jobs.concurrency).")
        var concurrency: Int?

        struct Report: Encodable { let ran: Int }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withPortal { assembled, logger in
                var workerConfiguration = assembled.configuration.jobs.worker
                if let concurrency { workerConfiguration.concurrency = max(1, concurrency) }
                let portal = assembled.portal
                let worker = JobWorker(
                    queue: portal.jobs, handlers: portal.jobHandlers, workerID: WorkerIdentity.make(role: "cli"),
                    configuration: workerConfiguration, logger: logger)
                if once {
                    let ran = try await worker.drain()
                    session.output.message("Ran \(ran) job(s).", json: Report(ran: ran))
                } else {
                    try await SignalWaiter.runUntilInterrupted { await worker.run() }
                }
            }
        }
    }
}

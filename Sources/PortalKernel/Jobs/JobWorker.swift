import Logging
import Metrics

/// Claims and runs jobs from a ``JobQueue`` with a fixed set of ``JobHandler``s.
///
/// Run ``run()`` as a long-lived task (the HTTP server runs one in-process unless configured
/// not to; `portal-cli jobs work` runs one on its own); cancel the task to stop it after the
/// jobs in hand finish. ``runOnce()`` processes what is due now and returns, for tests and
/// cron-style use. Any number of workers may run against one database.
public struct JobWorker: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Jobs run at the same time by this worker.
        public var concurrency: Int
        /// Pause between polls when the queue is empty.
        public var pollInterval: Duration
        /// How long a claim is held before another worker may take the job.
        public var lease: Duration

        public init(concurrency: Int = 4, pollInterval: Duration = .seconds(1), lease: Duration = .seconds(300)) {
            self.concurrency = max(1, concurrency)
            self.pollInterval = pollInterval
            self.lease = lease
        }
    }

    public let queue: JobQueue
    public let workerID: String
    public let configuration: Configuration
    private let handlers: [String: any JobHandler]
    private let logger: Logger

    public init(
        queue: JobQueue, handlers: [any JobHandler], workerID: String, configuration: Configuration = Configuration(),
        logger: Logger
    ) {
        self.queue = queue
        self.workerID = workerID
        self.configuration = configuration
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        var logger = logger
        logger[metadataKey: "worker"] = .string(workerID)
        self.logger = logger
    }

    /// The job kinds this worker runs.
    public var kinds: [String] { handlers.keys.sorted() }

    /// Polls and runs jobs until the task is cancelled, keeping up to `concurrency` jobs running:
    /// whenever a job finishes, its slot is filled with the next due job. Cancelling the task stops
    /// the claiming; the jobs in hand run to the end before `run()` returns.
    public func run() async {
        guard !handlers.isEmpty else {
            logger.info("No job handlers are registered; the worker has nothing to do.")
            return
        }
        logger.info("Job worker started", metadata: ["kinds": .string(kinds.joined(separator: ","))])
        let inFlight = InFlightJobs()
        var slotFreed = inFlight.finished.makeAsyncIterator()
        while !Task.isCancelled {
            let free = configuration.concurrency - inFlight.value
            guard free > 0 else {
                _ = await slotFreed.next()  // returns nil at once when cancelled
                continue
            }
            do {
                let jobs = try await queue.claim(kinds: kinds, workerID: workerID, limit: free, lease: configuration.lease)
                for job in jobs {
                    inFlight.started()
                    // Unstructured: a shutdown must not cancel the job in hand.
                    Task {
                        await execute(job)
                        inFlight.ended()
                    }
                }
                if jobs.count < free { try await Task.sleep(for: configuration.pollInterval) }
            } catch is CancellationError {
                break
            } catch {
                logger.error("Job polling failed; retrying after a pause", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: max(configuration.pollInterval * 5, .seconds(1)))
            }
        }
        await inFlight.waitUntilDrained()
        logger.info("Job worker stopped")
    }

    /// Claims one batch of due jobs, runs them concurrently and records each outcome.
    /// Returns how many jobs ran.
    ///
    /// Claimed jobs always run to the end: cancelling the calling task (a shutdown) stops the next
    /// claim, not the jobs in hand, so a deploy never counts an interrupted attempt against a job.
    @discardableResult
    public func runOnce() async throws -> Int {
        let jobs = try await queue.claim(
            kinds: kinds, workerID: workerID, limit: configuration.concurrency, lease: configuration.lease)
        // Unstructured tasks do not inherit the caller's cancellation.
        let running = jobs.map { job in Task { await execute(job) } }
        for task in running { await task.value }
        return jobs.count
    }

    /// Runs batches until nothing is due; returns the total number of jobs run.
    public func drain() async throws -> Int {
        var total = 0
        while true {
            let ran = try await runOnce()
            if ran == 0 { return total }
            total += ran
        }
    }

    /// What is stored as a job's last error: the kernel error with its operator detail, so a
    /// failed job says why (the detail never reaches clients; jobs are operator data).
    static func failureText(_ error: any Error) -> String {
        guard let error = error as? PortalError else { return String(describing: error) }
        return error.debugDetail.map { "\(error.description) — \($0)" } ?? error.description
    }

    /// Counts finished attempts by kind and outcome (`succeeded`, `retried`, `dead`).
    private static func count(_ job: Job, outcome: String) {
        Counter(label: "portal_job_attempts_total", dimensions: [("kind", job.kind), ("outcome", outcome)]).increment()
    }

    private func execute(_ job: Job) async {
        var logger = self.logger
        logger[metadataKey: "job"] = .string(job.id.uuidString)
        logger[metadataKey: "kind"] = .string(job.kind)
        guard let handler = handlers[job.kind] else { return }
        let started = ContinuousClock.now
        defer {
            Timer(label: "portal_job_duration_seconds", dimensions: [("kind", job.kind)], preferredDisplayUnit: .seconds)
                .record(duration: ContinuousClock.now - started)
        }
        do {
            try await handler.run(job, context: JobContext(workerID: workerID))
            if try await !queue.complete(job) {
                logger.warning("Job finished after its lease was taken over; the result was not recorded")
            }
            Self.count(job, outcome: "succeeded")
        } catch is CancellationError {
            // The handler was interrupted from outside; the attempt does not count.
            do {
                _ = try await queue.release(job)
                logger.notice("Job was interrupted and put back in the queue")
            } catch {
                logger.error("Could not put an interrupted job back", metadata: ["error": "\(error)"])
            }
        } catch {
            let permanent = error is PermanentJobFailure
            let message = Self.failureText(error)
            do {
                let status = try await queue.fail(job, message: message, permanent: permanent)
                Self.count(job, outcome: status == .dead ? "dead" : "retried")
                if status == .dead {
                    logger.error("Job is dead after \(job.attempts) attempt(s)", metadata: ["error": .string(message)])
                } else {
                    logger.warning("Job attempt \(job.attempts) failed; will retry", metadata: ["error": .string(message)])
                }
            } catch {
                logger.error("Could not record a job failure", metadata: ["error": "\(error)"])
            }
        }
    }
}

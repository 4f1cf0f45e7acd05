import Foundation
import Logging
import PortalKernel

/// Checks of the kernel's migrations and durable job queue, run on every backend as part of
/// ``StorageConformance``.
extension StorageConformance {
    static var kernelChecks: [StorageCheck] {
        [
            StorageCheck(name: "migrations apply once and record checksums", run: migrationsApplyOnce),
            StorageCheck(name: "migrations refuse a changed or unknown migration", run: migrationsRefuseDrift),
            StorageCheck(name: "jobs enqueue with the transaction that causes them", run: jobsEnqueueTransactionally),
            StorageCheck(name: "jobs are claimed once, leased and completed", run: jobsClaimLeaseComplete),
            StorageCheck(name: "jobs retry with backoff then go dead, and an operator can retry them", run: jobsRetryAndDie),
            StorageCheck(name: "jobs whose lease expired are claimed again", run: jobsLeaseExpiry),
            StorageCheck(name: "jobs with a dedupe key are enqueued once", run: jobsDedupe),
            StorageCheck(name: "concurrent workers never claim the same job", run: jobsConcurrentClaims),
            StorageCheck(name: "job worker runs handlers and records outcomes", run: jobsWorkerOutcomes),
            StorageCheck(name: "stopping a worker lets claimed jobs finish", run: jobsShutdownLetsJobsFinish),
            StorageCheck(name: "a long job does not hold up the worker's other slots", run: jobsSlotsRefill),
            StorageCheck(name: "an interrupted attempt is given back without counting", run: jobsInterruptedAttemptReleased),
        ]
    }

    private static func migrated(_ database: any Database, clock: any WallClock) async throws -> JobQueue {
        try await Migrator(migrations: PortalSchema.migrations, clock: clock).migrate(database)
        return JobQueue(
            database: database, clock: clock, retryPolicy: RetryPolicy(base: .seconds(10), maximum: .seconds(600), jitter: 0),
            defaultMaxAttempts: 3, randomUnit: { 0.5 })
    }

    static func migrationsApplyOnce(_ database: any Database) async throws {
        let clock = ManualClock()
        let migrator = Migrator(migrations: PortalSchema.migrations, clock: clock)
        try conformanceExpect(try await migrator.pending(on: database).count == PortalSchema.migrations.count, "all pending at first")
        let first = try await migrator.migrate(database)
        try conformanceExpect(first == PortalSchema.migrations.map(\.id), "first run applies every migration, got \(first)")
        let second = try await migrator.migrate(database)
        try conformanceExpect(second.isEmpty, "second run applies nothing, got \(second)")
        let applied = try await migrator.applied(on: database)
        try conformanceExpect(applied.map(\.id) == first, "ledger lists the applied migrations")
        try conformanceExpect(
            applied.allSatisfy { record in
                record.checksum == PortalSchema.migrations.first { $0.id == record.id }!.checksum(for: database.dialect)
            }, "ledger records each migration's checksum")
        try conformanceExpect(applied.allSatisfy { $0.appliedAt == clock.now() }, "ledger records when")
    }

    static func migrationsRefuseDrift(_ database: any Database) async throws {
        let clock = ManualClock()
        let original = Migration(id: "0001_a", portable: "CREATE TABLE drift_a (id INTEGER PRIMARY KEY)")
        try await Migrator(migrations: [original], clock: clock).migrate(database)
        let changed = Migration(id: "0001_a", portable: "CREATE TABLE drift_a (id INTEGER PRIMARY KEY, extra TEXT)")
        do {
            try await Migrator(migrations: [changed], clock: clock).migrate(database)
            throw ConformanceFailure("a changed migration must be refused")
        } catch let error as PortalError {
            try conformanceExpect(error.code == .conflict, "changed migration → conflict, got \(error)")
        }
        let newer = Migration(id: "0002_b", portable: "CREATE TABLE drift_b (id INTEGER PRIMARY KEY)")
        try await Migrator(migrations: [original, newer], clock: clock).migrate(database)
        do {
            try await Migrator(migrations: [original], clock: clock).migrate(database)
            throw ConformanceFailure("a database migrated by a newer version must be refused")
        } catch let error as PortalError {
            try conformanceExpect(error.code == .conflict, "unknown migration → conflict, got \(error)")
        }
        // A failing migration leaves nothing behind.
        let broken = Migration(id: "0003_c", portable: "CREATE TABLE drift_c (id INTEGER PRIMARY KEY); THIS IS NOT SQL")
        do {
            try await Migrator(migrations: [original, newer, broken], clock: clock).migrate(database)
            throw ConformanceFailure("a broken migration must fail")
        } catch is PortalError {}
        let tables = try await database.read { connection in
            try connection.queryScalar("SELECT COUNT(*) FROM schema_migrations WHERE id = '0003_c'", as: Int.self)
        }
        try conformanceExpect(tables == 0, "a failed migration is not recorded")
    }

    static func jobsEnqueueTransactionally(_ database: any Database) async throws {
        let queue = try await migrated(database, clock: ManualClock())
        struct Abort: Error {}
        do {
            try await database.write { connection in
                try queue.enqueue(NewJob(kind: "mail.send", payload: "{}"), on: connection)
                throw Abort()
            }
        } catch is Abort {}
        try conformanceExpect(try await queue.list().isEmpty, "a rolled-back transaction leaves no job")
        let id = try await database.write { connection in
            try queue.enqueue(NewJob(kind: "mail.send", payload: #"{"to":"ana@example.com"}"#), on: connection)
        }
        let jobs = try await queue.list()
        try conformanceExpect(jobs.map(\.id) == [id].compactMap { $0 }, "a committed transaction keeps its job")
        try conformanceExpect(jobs.first?.status == .queued && jobs.first?.attempts == 0, "a new job is queued")
        struct Mail: Decodable { let to: String }
        try conformanceExpect(try jobs[0].decodePayload(as: Mail.self).to == "ana@example.com", "payload round-trips")
    }

    static func jobsClaimLeaseComplete(_ database: any Database) async throws {
        let clock = ManualClock()
        let queue = try await migrated(database, clock: clock)
        try await queue.enqueue(NewJob(kind: "a", payload: "{}"))
        try await queue.enqueue(NewJob(kind: "b", payload: "{}"))
        try await queue.enqueue(NewJob(kind: "a", payload: "{}", runAt: clock.now() + .seconds(60)))
        let claimed = try await queue.claim(kinds: ["a"], workerID: "w1", limit: 10, lease: .seconds(30))
        try conformanceExpect(claimed.count == 1, "only due jobs of the asked kinds are claimed, got \(claimed.count)")
        let job = claimed[0]
        try conformanceExpect(job.status == .running && job.attempts == 1 && job.lockedBy == "w1", "claim leases the job")
        try conformanceExpect(job.lockedUntil == clock.now() + .seconds(30), "lease ends after the lease duration")
        let again = try await queue.claim(kinds: ["a"], workerID: "w2", limit: 10, lease: .seconds(30))
        try conformanceExpect(again.isEmpty, "a leased job is not claimed twice")
        try conformanceExpect(try await queue.complete(job), "the holder completes its job")
        try conformanceExpect(try await queue.job(job.id).status == .succeeded, "completed job is succeeded")
        clock.advance(by: .seconds(61))
        let later = try await queue.claim(kinds: ["a"], workerID: "w2", limit: 10, lease: .seconds(30))
        try conformanceExpect(later.count == 1, "a job becomes due at its run_at")
        let counts = try await queue.counts()
        try conformanceExpect(counts[.succeeded] == 1 && counts[.running] == 1 && counts[.queued] == 1, "counts by status: \(counts)")
    }

    static func jobsRetryAndDie(_ database: any Database) async throws {
        let clock = ManualClock()
        let queue = try await migrated(database, clock: clock)
        let id = try await queue.enqueue(NewJob(kind: "flaky", payload: "{}", maxAttempts: 2))!
        var job = try await queue.claim(kinds: ["flaky"], workerID: "w", limit: 1, lease: .seconds(30))[0]
        try conformanceExpect(try await queue.fail(job, message: "provider said 503") == .queued, "first failure requeues")
        let requeued = try await queue.job(id)
        try conformanceExpect(requeued.runAt == clock.now() + .seconds(10), "retry waits the backoff, got \(requeued.runAt)")
        try conformanceExpect(requeued.lastError == "provider said 503", "the error is kept")
        try conformanceExpect(try await queue.claim(kinds: ["flaky"], workerID: "w", limit: 1, lease: .seconds(30)).isEmpty, "not before the backoff")
        clock.advance(by: .seconds(10))
        job = try await queue.claim(kinds: ["flaky"], workerID: "w", limit: 1, lease: .seconds(30))[0]
        try conformanceExpect(job.attempts == 2, "second attempt")
        try conformanceExpect(try await queue.fail(job, message: "still down") == .dead, "last failure buries the job")
        let dead = try await queue.list(JobFilter(status: .dead))
        try conformanceExpect(dead.map(\.id) == [id], "dead jobs are listed for operators")
        clock.advance(by: .seconds(3600))
        try conformanceExpect(try await queue.claim(kinds: ["flaky"], workerID: "w", limit: 1, lease: .seconds(30)).isEmpty, "dead jobs are not claimed")
        let revived = try await queue.retry(id)
        try conformanceExpect(revived.status == .queued && revived.attempts == 0, "retry requeues with attempts reset")
        try conformanceExpect(try await queue.claim(kinds: ["flaky"], workerID: "w", limit: 1, lease: .seconds(30)).count == 1, "retried job runs again")
        do {
            _ = try await queue.retry(id)
            throw ConformanceFailure("retrying a job that is not dead must fail")
        } catch let error as PortalError {
            try conformanceExpect(error.code == .notFound, "retry of a live job → not_found")
        }
    }

    static func jobsLeaseExpiry(_ database: any Database) async throws {
        let clock = ManualClock()
        let queue = try await migrated(database, clock: clock)
        try await queue.enqueue(NewJob(kind: "k", payload: "{}", maxAttempts: 2))
        let first = try await queue.claim(kinds: ["k"], workerID: "crashed", limit: 1, lease: .seconds(30))[0]
        clock.advance(by: .seconds(31))
        let second = try await queue.claim(kinds: ["k"], workerID: "healthy", limit: 1, lease: .seconds(30))
        try conformanceExpect(second.count == 1 && second[0].attempts == 2, "an expired lease is claimable again, as a new attempt")
        try conformanceExpect(try await !queue.complete(first), "the worker that lost its lease cannot complete")
        try conformanceExpect(try await queue.fail(first, message: "late") == nil, "nor fail")
        clock.advance(by: .seconds(31))
        let third = try await queue.claim(kinds: ["k"], workerID: "other", limit: 1, lease: .seconds(30))
        try conformanceExpect(third.isEmpty, "no attempts are left")
        try conformanceExpect(try await queue.job(first.id).status == .dead, "a lease lost on the last attempt buries the job")
    }

    static func jobsDedupe(_ database: any Database) async throws {
        let queue = try await migrated(database, clock: ManualClock())
        let first = try await queue.enqueue(NewJob(kind: "billing.run", payload: "{}", dedupeKey: "2026-02"))
        let second = try await queue.enqueue(NewJob(kind: "billing.run", payload: "{}", dedupeKey: "2026-02"))
        let other = try await queue.enqueue(NewJob(kind: "billing.run", payload: "{}", dedupeKey: "2026-03"))
        let plain1 = try await queue.enqueue(NewJob(kind: "billing.run", payload: "{}"))
        let plain2 = try await queue.enqueue(NewJob(kind: "billing.run", payload: "{}"))
        try conformanceExpect(first != nil && second == nil && other != nil, "one job per (kind, dedupe key)")
        try conformanceExpect(plain1 != nil && plain2 != nil, "jobs without a key are never deduplicated")
        try conformanceExpect(try await queue.list().count == 4, "four jobs stored")
    }

    static func jobsConcurrentClaims(_ database: any Database) async throws {
        let queue = try await migrated(database, clock: ManualClock())
        try await database.write { connection in
            for index in 0..<120 { try queue.enqueue(NewJob(kind: "bulk", payload: "{\"n\":\(index)}"), on: connection) }
        }
        let claimed = try await withThrowingTaskGroup(of: [JobID].self) { group in
            for worker in 0..<6 {
                group.addTask {
                    var mine: [JobID] = []
                    while true {
                        let batch = try await queue.claim(kinds: ["bulk"], workerID: "w\(worker)", limit: 7, lease: .seconds(60))
                        if batch.isEmpty { return mine }
                        mine += batch.map(\.id)
                    }
                }
            }
            return try await group.reduce(into: [JobID]()) { $0 += $1 }
        }
        try conformanceExpect(claimed.count == 120, "every job claimed, got \(claimed.count)")
        try conformanceExpect(Set(claimed).count == 120, "no job claimed twice")
    }

    static func jobsWorkerOutcomes(_ database: any Database) async throws {
        let clock = ManualClock()
        let queue = try await migrated(database, clock: clock)
        let ran = Counter()
        let handlers: [any JobHandler] = [
            ClosureJobHandler(kind: "ok") { _, _ in ran.increment() },
            ClosureJobHandler(kind: "broken") { _, _ in throw PortalError.unavailable("provider down") },
            ClosureJobHandler(kind: "hopeless") { _, _ in throw PermanentJobFailure("bad input") },
        ]
        for kind in ["ok", "ok", "broken", "hopeless", "unknown"] {
            try await queue.enqueue(NewJob(kind: kind, payload: "{}"))
        }
        let worker = JobWorker(
            queue: queue, handlers: handlers, workerID: "test-worker",
            configuration: .init(concurrency: 2, pollInterval: .milliseconds(10), lease: .seconds(60)),
            logger: Logger(label: "conformance"))
        let total = try await worker.drain()
        try conformanceExpect(total == 4, "the worker runs every job it has a handler for, got \(total)")
        try conformanceExpect(ran.value == 2, "handlers ran")
        let jobs = try await queue.list()
        func status(_ kind: String) -> [JobStatus] { jobs.filter { $0.kind == kind }.map(\.status) }
        try conformanceExpect(status("ok") == [.succeeded, .succeeded], "successes recorded")
        try conformanceExpect(status("broken") == [.queued], "a failure is retried later")
        try conformanceExpect(status("hopeless") == [.dead], "a permanent failure is dead at once")
        try conformanceExpect(status("unknown") == [.queued], "kinds without a handler are left for other workers")
    }

    static func jobsShutdownLetsJobsFinish(_ database: any Database) async throws {
        let queue = try await migrated(database, clock: ManualClock())
        let started = ConformanceLatch()
        let handler = ClosureJobHandler(kind: "slow") { _, _ in
            started.open()
            try await Task.sleep(for: .milliseconds(300))  // throws if the shutdown reached the job
        }
        let id = try await queue.enqueue(NewJob(kind: "slow", payload: "{}", maxAttempts: 1))!
        let worker = JobWorker(
            queue: queue, handlers: [handler], workerID: "deploying",
            configuration: .init(concurrency: 1, pollInterval: .milliseconds(10), lease: .seconds(60)),
            logger: Logger(label: "conformance"))
        let running = Task { await worker.run() }
        // Bounds for what must happen soon are generous: a loaded machine is slow, never wrong.
        try conformanceExpect(try await started.wait(timeout: .seconds(120)), "the job started")
        running.cancel()
        await running.value
        let job = try await queue.job(id)
        try conformanceExpect(job.status == .succeeded, "a job in hand finishes during shutdown, got \(job.status) \(job.lastError ?? "")")
    }

    static func jobsSlotsRefill(_ database: any Database) async throws {
        let clock = ManualClock()
        let queue = try await migrated(database, clock: clock)
        let release = ConformanceLatch(), slowStarted = ConformanceLatch()
        let quickDone = Counter()
        let handlers: [any JobHandler] = [
            ClosureJobHandler(kind: "slow") { _, _ in
                slowStarted.open()
                _ = try await release.wait(timeout: .seconds(600))
            },
            ClosureJobHandler(kind: "quick") { _, _ in quickDone.increment() },
        ]
        try await queue.enqueue(NewJob(kind: "slow", payload: "{}"))
        clock.advance(by: .seconds(1))
        for _ in 0..<5 { try await queue.enqueue(NewJob(kind: "quick", payload: "{}")) }
        clock.advance(by: .seconds(1))
        let worker = JobWorker(
            queue: queue, handlers: handlers, workerID: "w",
            configuration: .init(concurrency: 2, pollInterval: .milliseconds(10), lease: .seconds(60)),
            logger: Logger(label: "conformance"))
        let running = Task { await worker.run() }
        // The slow job holds its slot until released here, on every way out.
        defer {
            release.open()
            running.cancel()
        }
        try conformanceExpect(try await slowStarted.wait(timeout: .seconds(120)), "the slow job started")
        for _ in 0..<12_000 where quickDone.value < 5 { try await Task.sleep(for: .milliseconds(10)) }
        try conformanceExpect(quickDone.value == 5, "the free slot ran every quick job while the slow one ran, got \(quickDone.value)")
        release.open()
        running.cancel()
        await running.value
        let statuses = try await queue.list().map(\.status)
        try conformanceExpect(statuses.allSatisfy { $0 == .succeeded }, "all jobs succeeded: \(statuses)")
    }

    static func jobsInterruptedAttemptReleased(_ database: any Database) async throws {
        let queue = try await migrated(database, clock: ManualClock())
        let handler = ClosureJobHandler(kind: "interrupted") { _, _ in throw CancellationError() }
        let id = try await queue.enqueue(NewJob(kind: "interrupted", payload: "{}", maxAttempts: 1))!
        let worker = JobWorker(queue: queue, handlers: [handler], workerID: "w", logger: Logger(label: "conformance"))
        try await worker.runOnce()
        let job = try await queue.job(id)
        try conformanceExpect(job.status == .queued && job.attempts == 0, "the claim is given back, got \(job.status)/\(job.attempts)")
        let unusable = try await queue.enqueue(NewJob(kind: "typed", payload: "not json", maxAttempts: 5))!
        struct Input: Decodable { let invoiceID: String }
        let typed = ClosureJobHandler(kind: "typed") { job, _ in _ = try job.decodePayload(as: Input.self) }
        try await JobWorker(queue: queue, handlers: [typed], workerID: "w", logger: Logger(label: "conformance")).runOnce()
        try conformanceExpect(try await queue.job(unusable).status == .dead, "an unusable payload is dead at once")
    }
}

/// A thread-safe counter for handler side effects.
final class Counter: @unchecked Sendable {  // `count` guarded by `lock`
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// Keeps the job table small: once a day, deletes succeeded jobs older than the retention
/// period, then schedules its next run. Dead jobs are kept until an operator deals with them.
///
/// Start the cycle with ``schedule(on:)`` (the server does at start); the dedupe key makes
/// that idempotent, so any number of processes may call it.
public struct JobMaintenance: JobHandler {
    public static let kind = "jobs.purge"
    public var kind: String { Self.kind }

    let queue: JobQueue
    let clock: any WallClock
    /// How long succeeded jobs are kept.
    public let retention: Duration

    public init(queue: JobQueue, clock: any WallClock, retention: Duration = .seconds(14 * 86_400)) {
        self.queue = queue
        self.clock = clock
        self.retention = retention
    }

    public func run(_ job: Job, context: JobContext) async throws {
        let now = clock.now()
        try await queue.purgeSucceeded(finishedBefore: now - retention)
        try await schedule(after: now)
    }

    /// Enqueues the next daily run (at most one per UTC day).
    public func schedule(after now: Instant) async throws {
        let tomorrow = TenantTimeZone.utc.localDate(of: now).adding(days: 1)
        let runAt = TenantTimeZone.utc.startOfDay(tomorrow) + .seconds(3 * 3600)
        try await queue.enqueue(NewJob(kind: Self.kind, payload: "{}", runAt: runAt, dedupeKey: tomorrow.iso8601))
    }
}

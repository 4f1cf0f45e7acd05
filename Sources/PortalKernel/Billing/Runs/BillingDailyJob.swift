/// The scheduled billing job (`billing.daily`): once a day it queues one ``TenantBillingJob`` per
/// tenant, then queues itself for the next day.
///
/// Enqueue the first one with ``schedule(jobs:at:)`` (the HTTP server does at start-up); the
/// deduplication key is the day, so any number of processes can schedule it and it still runs
/// once a day. Fanning out per tenant lets several workers (on PostgreSQL, several machines)
/// share the day's billing, keeps each job well within its lease, and retries a failing tenant
/// on its own.
public struct BillingDailyJob: JobHandler {
    public static let jobKind = "billing.daily"
    public let kind = BillingDailyJob.jobKind
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    struct Payload: Codable {
        var day: String
    }

    public func run(_ job: Job, context jobContext: JobContext) async throws {
        let payload: Payload = try job.decodePayload()
        let jobs = context.jobs
        try await context.database.write(.allTenants) { connection in
            for row in try connection.query("SELECT id FROM tenants ORDER BY created_at") {
                let tenant: TenantID = try row.get("id")
                _ = try jobs.enqueue(
                    try NewJob(
                        kind: TenantBillingJob.jobKind, payload: TenantBillingJob.Payload(day: payload.day), tenantID: tenant,
                        dedupeKey: "billing.tenant:\(payload.day):\(tenant.uuidString)"),
                    on: connection)
            }
        }
        try await Self.schedule(jobs: jobs, at: context.now + .seconds(24 * 3600))
    }

    /// Queues the job for the UTC day of `instant` (at 01:00 UTC), once.
    public static func schedule(jobs: JobQueue, at instant: Instant) async throws {
        let day = TenantTimeZone.utc.localDate(of: instant)
        let runAt = TenantTimeZone.utc.startOfDay(day) + .seconds(3600)
        _ = try await jobs.enqueue(
            try NewJob(kind: jobKind, payload: Payload(day: day.iso8601), runAt: runAt, dedupeKey: "billing.daily:\(day.iso8601)"))
    }
}

/// One tenant's share of the daily billing (`billing.tenant`): a billing run for the tenant's
/// today, then the day's payment reminders. Both are idempotent, so a retried or repeated job
/// bills and reminds nothing twice; a period that fails makes the job fail and retry with backoff.
public struct TenantBillingJob: JobHandler {
    public static let jobKind = "billing.tenant"
    public let kind = TenantBillingJob.jobKind
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    struct Payload: Codable {
        var day: String
    }

    public func run(_ job: Job, context jobContext: JobContext) async throws {
        guard let tenant = job.tenantID else { throw PermanentJobFailure("A billing.tenant job names its tenant.") }
        let system = Principal.system(tenant: tenant, TenantBillingJob.jobKind)
        let summary = try await BillingRuns(context: context).run(by: system)
        _ = try await Reminders(context: context).sweep(by: system)
        guard summary.failed.isEmpty else {
            let reasons = summary.failed.map { "\($0.scheduleType) \($0.scheduleId) #\($0.periodKey): \($0.reason)" }
            throw PortalError.unavailable("Some periods could not be billed: \(reasons.joined(separator: "; "))")
        }
    }
}

/// The scheduled billing job (`billing.daily`): for every tenant, runs billing for the tenant's
/// today and sends the day's payment reminders, then queues itself for the next day.
///
/// Enqueue the first one with ``schedule(jobs:at:)`` (the HTTP server does at start-up); the
/// deduplication key is the day, so any number of processes can schedule it and it still runs
/// once a day. Running it twice for a day is harmless: billing runs and reminders are idempotent.
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
        let tenants = try await context.database.read(.allTenants) { connection in
            try connection.query("SELECT id FROM tenants ORDER BY created_at").map { try $0.get("id", as: TenantID.self) }
        }
        var failures: [String] = []
        for tenant in tenants {
            let system = Principal.system(tenant: tenant, BillingDailyJob.jobKind)
            do {
                let summary = try await BillingRuns(context: context).run(by: system)
                failures += summary.failed.map { "\($0.tenant) \($0.scheduleType) \($0.scheduleId) #\($0.periodKey): \($0.reason)" }
                _ = try await Reminders(context: context).sweep(by: system)
            } catch {
                failures.append("tenant \(tenant): \(error)")
            }
        }
        try await Self.schedule(jobs: context.jobs, at: context.now + .seconds(24 * 3600))
        if !failures.isEmpty {
            // Logged by the worker as a failed attempt; the next attempt retries only what failed.
            throw PortalError.unavailable("Billing failed for some periods: \(failures.joined(separator: "; "))")
        }
    }

    /// Queues the job for the UTC day of `instant` (at 01:00 UTC), once.
    public static func schedule(jobs: JobQueue, at instant: Instant) async throws {
        let day = TenantTimeZone.utc.localDate(of: instant)
        let runAt = TenantTimeZone.utc.startOfDay(day) + .seconds(3600)
        _ = try await jobs.enqueue(
            try NewJob(kind: jobKind, payload: Payload(day: day.iso8601), runAt: runAt, dedupeKey: "billing.daily:\(day.iso8601)"))
    }
}

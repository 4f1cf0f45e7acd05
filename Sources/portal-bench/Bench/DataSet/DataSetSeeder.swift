import PortalAssembly
import PortalKernel

/// Seeds a benchmark data set (``DataSetShape``) into an empty, migrated database.
///
/// The few hundred or thousand records people would enter one at a time go through the kernel's
/// use cases as an operator, so they are validated, numbered and audited like any others:
/// tenants, each tenant's staff owner and API token, its monthly plan, companies and their
/// contacts. The tens of thousands of rows behind them (subscriptions, proposals with their
/// phases, milestones, payment schedules and deliverables) are written with multi-row raw
/// inserts that mirror the kernel's own `INSERT` statements column for column, per tenant (so
/// PostgreSQL's row-level security accepts them) and a few thousand rows per transaction. They
/// have no audit events: nothing measured reads the audit trail of seeded rows.
///
/// What the rows hold, for the measurements:
/// - Every subscription is active and monthly, started and anchored twelve months before the
///   run date, with periods 0–11 billed: period 12, starting on the run date, is the one period
///   a billing run through the run date invoices.
/// - Every engagement is a proposal sent, approved and active, with two phases, its milestones
///   due in the weeks after the run date, one deliverable per milestone (as approval creates
///   them) plus extra ones, in a deterministic mix of statuses, and a payment schedule of
///   pending items due 200 to 400 days after the run date, so no billing run near the run date
///   invoices any of them: a run invoices exactly the subscriptions.
///
/// Everything random comes from a fixed seed (``DataSetRandom``): the same shape gives the same
/// names, amounts, dates, statuses and row identifiers, and the same engagement-to-company
/// assignment. What the kernel generates itself (ids of tenants, users, companies and contacts,
/// API-token secrets) differs between runs.
///
/// ```swift
/// let seeded = try await DataSetSeeder.seed(.smoke, runDate: LocalDate(year: 2026, month: 12, day: 1)!,
///                                           into: assembled) { print($0) }
/// // seeded.tenants[0].apiToken: a staff bearer token; seeded.engagements[0].proposalId: a portal view to read
/// ```
public enum DataSetSeeder {
    /// The password of every seeded user (the caller picks bcrypt's cost, `plugins.bcrypt.cost`).
    public static let password = "portal-bench-password"
    /// The operator name seeded changes are recorded under (`operator:portal-bench`).
    public static let operatorName = "portal-bench"
    /// The code of each tenant's one plan.
    public static let planCode = "bench-monthly"
    /// The monthly price of each tenant's plan, in minor units of the tenant's currency.
    public static let planPrice: Int64 = 4_900
    /// How many rows of one kind go into one transaction at most (deliverables of a growth
    /// engagement excepted: an engagement is always written whole).
    static let rowsPerTransaction = 5_000

    /// Seeds `shape` into the empty, migrated database behind `assembled`.
    ///
    /// - Parameters:
    ///   - runDate: the day every subscription's next period starts. Its day of month is the
    ///     tenants' billing day; a day that twelve months earlier does not exist (29 February)
    ///     is refused.
    ///   - progress: called with one line per phase as it finishes (`companies 2000/2000`), and
    ///     along the way for the long ones.
    /// - Throws: `invalid` for a shape that cannot be seeded (no tenant; subscriptions or
    ///   engagements without companies; no milestone; fewer deliverables than milestones);
    ///   `conflict` when a `bench-NN` tenant exists; storage errors as they come.
    public static func seed(
        _ shape: DataSetShape, runDate: LocalDate, into assembled: AssembledPortal,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> SeededDataSet {
        try validate(shape, runDate: runDate)
        let portal = assembled.portal
        let directory = try await seedDirectory(shape, runDate: runDate, portal: portal, progress: progress)
        try await seedSubscriptions(shape, runDate: runDate, directory: directory, database: portal.database, progress: progress)
        let engagements = try await seedEngagements(
            shape, runDate: runDate, directory: directory, database: portal.database, progress: progress)
        if portal.database.dialect.name == SQLDialect.postgres.name {
            // What autovacuum would do within the minute: planner statistics for the bulk-loaded
            // tables, so the first measurements do not run on plans for empty tables.
            try await portal.database.write(.allTenants) { connection in try connection.executeScript("ANALYZE") }
            progress("analyzed")
        }
        return SeededDataSet(
            runDate: runDate,
            tenants: directory.tenants.map { SeededTenant(id: $0.id, slug: $0.slug, apiToken: $0.apiToken) },
            engagements: engagements.regular, growth: engagements.growth)
    }

    /// The first day of the subscriptions' schedules: twelve months before `runDate`.
    static func anchorDate(for runDate: LocalDate) -> LocalDate { runDate.adding(months: -12) }

    /// The index of the period starting on the run date.
    static let duePeriodIndex = 12

    static func validate(_ shape: DataSetShape, runDate: LocalDate) throws {
        func require(_ condition: Bool, _ message: String, field: String) throws {
            if !condition { throw PortalError.invalid(message, field: field) }
        }
        try require(shape.tenants >= 1, "A data set needs at least one tenant.", field: "tenants")
        let counts = [shape.companies, shape.subscriptions, shape.engagements, shape.paymentsPerEngagement]
        try require(counts.allSatisfy { $0 >= 0 }, "Counts cannot be negative.", field: "shape")
        let needsCompanies = shape.subscriptions > 0 || shape.engagements > 0 || !shape.growthDeliverables.isEmpty
        try require(!needsCompanies || shape.companies >= 1, "Subscriptions and engagements need companies.", field: "companies")
        if shape.engagements > 0 || !shape.growthDeliverables.isEmpty {
            try require(
                shape.milestonesPerEngagement >= 1, "An approved proposal has at least one milestone.",
                field: "milestonesPerEngagement")
        }
        if shape.engagements > 0 {
            try require(
                shape.deliverablesPerEngagement >= shape.milestonesPerEngagement,
                "Approval creates one deliverable per milestone: deliverablesPerEngagement must be at least milestonesPerEngagement.",
                field: "deliverablesPerEngagement")
        }
        try require(
            shape.growthDeliverables.allSatisfy { $0 >= 1 }, "A growth engagement has at least one deliverable.",
            field: "growthDeliverables")
        try require(anchorDate(for: runDate).adding(months: duePeriodIndex) == runDate,
            "The run date must have the same day of month twelve months earlier.", field: "runDate")
    }

    /// `date` at `hour`:00 UTC.
    static func instant(_ date: LocalDate, hour: Int) -> Instant {
        Instant(secondsSinceEpoch: date.daysSinceEpoch * 86_400 + Int64(hour) * 3_600)
    }

    /// Reports `phase done/total` each time another quarter is done (so always at the end).
    struct Progress {
        let phase: String
        let total: Int
        private var quarters = 0

        init(_ phase: String, total: Int) {
            self.phase = phase
            self.total = total
        }

        mutating func update(_ done: Int, _ report: (String) -> Void) {
            let reached = total == 0 ? 4 : done * 4 / total
            guard reached > quarters else { return }
            quarters = reached
            report("\(phase) \(done)/\(total)")
        }
    }
}

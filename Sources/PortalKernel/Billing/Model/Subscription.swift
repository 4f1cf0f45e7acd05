/// A company's subscription to a ``Plan``, billed in advance one period at a time.
///
/// **Schedule.** Periods are computed from ``anchorDate`` and the plan's interval by
/// ``BillingSchedule`` (period *k* starts `k × interval` months after the anchor, from the
/// anchor's day), never from the previous period, so they cannot drift across short months.
/// When the subscription starts before its anchor, the days `[startDate, anchorDate)` are a
/// pro-rated first period (``Proration/firstPeriod(start:anchor:schedule:price:rounding:)``).
///
/// **Dates.** Days are the tenant's calendar days. ``endsOn`` and every period's end are
/// exclusive: the first day without service.
///
/// **Status.** `active` periods are billed by billing runs; `paused` ones are not (periods
/// passed while paused are never billed); `canceled` is final. A subscription canceled at the
/// end of its period stays `active` with ``cancelAtPeriodEnd`` until ``endsOn``, and reads as
/// `canceled` from that day on.
public struct Subscription: Sendable, Hashable, Codable {
    public var id: SubscriptionID
    public var companyId: CompanyID
    /// The plan billed now.
    public var plan: Plan
    /// The plan taking over at the next period not yet invoiced (a change at renewal).
    public var pendingPlan: Plan?
    public var status: SubscriptionStatus
    /// The first day of service.
    public var startDate: LocalDate
    /// The first day of the first full period; its day of month is the billing day.
    public var anchorDate: LocalDate
    /// The first day of the next period to invoice: the periods before it are invoiced, or were
    /// skipped while paused.
    public var nextPeriodStart: LocalDate
    /// The period containing today; nil before the start, while paused and after the end.
    public var currentPeriod: ServicePeriod?
    /// Whether the subscription ends at ``endsOn``, the end of the period it was canceled in.
    public var cancelAtPeriodEnd: Bool
    public var pausedOn: LocalDate?
    public var canceledAt: Instant?
    /// The first day without service, once the subscription is canceled.
    public var endsOn: LocalDate?
    public var createdAt: Instant
    public var updatedAt: Instant

    /// The day of the month periods start on.
    public var billingDay: Int { anchorDate.day }
}

/// Where a subscription stands.
public enum SubscriptionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Billed every period.
    case active
    /// Not billed until reactivated; the periods in between are skipped.
    case paused
    /// Ended; never billed again.
    case canceled
}

/// The outcome of a subscription change: the subscription afterwards and the money the change
/// moved, if any.
public struct SubscriptionOutcome: Sendable, Hashable, Codable {
    public var subscription: Subscription
    /// The finalized invoice for an immediate upgrade's pro-rated difference.
    public var invoice: Invoice?
    /// Customer credit added for unused days (an immediate cancellation or downgrade).
    public var customerCredit: Money?
}

/// One period of a billing schedule (a subscription or a contract) that a billing run should
/// invoice. The run records `(tenant, scheduleType, scheduleId, periodKey)` in its ledger in the
/// same transaction as the invoice, so each period is billed exactly once.
struct DueBillingPeriod: Sendable, Hashable {
    enum ScheduleType: String, Sendable, Hashable {
        case subscription
        case contract
        /// One item of a proposal's payment schedule (schedule id: the proposal; period key: the item).
        case proposalPayment = "proposal_payment"
    }

    var scheduleType: ScheduleType
    /// The subscription's or contract's id (UUID text).
    var scheduleId: String
    /// Identifies the period within the schedule (`"3"`, `"stub"`, `"2026-11-01"`); stable across runs.
    var periodKey: String
    var companyId: CompanyID
    /// The first day the period covers; periods are billed in this order.
    var periodStart: LocalDate
}

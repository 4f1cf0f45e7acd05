/// A new subscription of a company to a plan.
public struct NewSubscription: Sendable, Hashable, Codable {
    public var companyId: CompanyID
    /// An active plan.
    public var planId: PlanID
    /// The first day of service; today in the tenant's time zone when absent.
    public var startDate: LocalDate?
    /// The day of the month periods start on; one of the tenant's billing days. When absent,
    /// the first allowed billing day on or after the start.
    public var billingDay: Int?

    public init(companyId: CompanyID, planId: PlanID, startDate: LocalDate? = nil, billingDay: Int? = nil) {
        self.companyId = companyId
        self.planId = planId
        self.startDate = startDate
        self.billingDay = billingDay
    }
}

/// Which subscriptions to list, most recently changed first by default.
public struct SubscriptionListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt]

    public var sort: ListSort
    public var companyId: CompanyID?
    /// The status as read today: a subscription past its end counts as `canceled`.
    public var status: SubscriptionStatus?

    public init(sort: ListSort = ListSort(.updatedAt, descending: true), companyId: CompanyID? = nil, status: SubscriptionStatus? = nil) {
        self.sort = sort
        self.companyId = companyId
        self.status = status
    }
}

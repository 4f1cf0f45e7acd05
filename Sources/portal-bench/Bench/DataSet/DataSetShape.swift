import PortalKernel

/// How much data a benchmark data set holds. Every count is exact, and the same shape always
/// produces the same data (names, amounts, dates and which engagement belongs to which company),
/// so two runs of `make bench` measure the same thing.
public struct DataSetShape: Sendable, Codable, Hashable {
    /// Tenants (businesses); companies, engagements and subscriptions are spread evenly over them.
    public var tenants: Int
    /// Client companies in all, each with one contact.
    public var companies: Int
    /// Active engagements (approved proposals) in all.
    public var engagements: Int
    public var deliverablesPerEngagement: Int
    public var milestonesPerEngagement: Int
    public var paymentsPerEngagement: Int
    /// Active monthly subscriptions in all, every one with exactly one period due on the run date.
    public var subscriptions: Int
    /// One extra engagement per entry, with that many deliverables (portal growth measurements).
    public var growthDeliverables: [Int]

    public init(
        tenants: Int, companies: Int, engagements: Int, deliverablesPerEngagement: Int, milestonesPerEngagement: Int,
        paymentsPerEngagement: Int, subscriptions: Int, growthDeliverables: [Int]
    ) {
        self.tenants = tenants
        self.companies = companies
        self.engagements = engagements
        self.deliverablesPerEngagement = deliverablesPerEngagement
        self.milestonesPerEngagement = milestonesPerEngagement
        self.paymentsPerEngagement = paymentsPerEngagement
        self.subscriptions = subscriptions
        self.growthDeliverables = growthDeliverables
    }

    /// The data set the issue describes: 50 tenants, 2,000 companies, 10,000 engagements of
    /// 8 deliverables, 6 milestones and 4 scheduled payments, and 100,000 subscriptions.
    public static let full = DataSetShape(
        tenants: 50, companies: 2_000, engagements: 10_000, deliverablesPerEngagement: 8, milestonesPerEngagement: 6,
        paymentsPerEngagement: 4, subscriptions: 100_000, growthDeliverables: [8, 80, 800])

    /// The same shape with `subscriptions` subscriptions and nothing else billable: the smaller
    /// billing-run measurement.
    public func withSubscriptions(_ count: Int) -> DataSetShape {
        var shape = self
        shape.subscriptions = count
        return shape
    }

    /// A small shape with every kind of row, for smoke runs and tests.
    public static let smoke = DataSetShape(
        tenants: 3, companies: 12, engagements: 30, deliverablesPerEngagement: 8, milestonesPerEngagement: 6,
        paymentsPerEngagement: 4, subscriptions: 300, growthDeliverables: [8, 80])
}

/// What a seeded data set holds that the measurements need: who may call the API, and the ids
/// to call it with.
public struct SeededDataSet: Sendable, Codable {
    /// The day every subscription's next period starts; billing runs bill through it.
    public var runDate: LocalDate
    public var tenants: [SeededTenant]
    /// Every active engagement (proposal id) with the index of its tenant in ``tenants``.
    public var engagements: [SeededEngagement]
    /// The growth engagements, one per ``DataSetShape/growthDeliverables`` entry, in that order.
    public var growth: [SeededEngagement]

    public init(runDate: LocalDate, tenants: [SeededTenant], engagements: [SeededEngagement], growth: [SeededEngagement]) {
        self.runDate = runDate
        self.tenants = tenants
        self.engagements = engagements
        self.growth = growth
    }
}

/// One seeded tenant.
public struct SeededTenant: Sendable, Codable, Hashable {
    public var id: TenantID
    public var slug: String
    /// A bearer API token of a staff user (the tenant's owner) with every right.
    public var apiToken: String

    public init(id: TenantID, slug: String, apiToken: String) {
        self.id = id
        self.slug = slug
        self.apiToken = apiToken
    }
}

/// One seeded engagement: its proposal id, its tenant, and how many deliverables it has.
public struct SeededEngagement: Sendable, Codable, Hashable {
    public var proposalId: ProposalID
    /// Index into ``SeededDataSet/tenants``.
    public var tenantIndex: Int
    public var deliverables: Int

    public init(proposalId: ProposalID, tenantIndex: Int, deliverables: Int) {
        self.proposalId = proposalId
        self.tenantIndex = tenantIndex
        self.deliverables = deliverables
    }
}

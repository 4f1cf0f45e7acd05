/// A new contract. It starts as a `draft` with billing disabled, billed monthly.
public struct NewContract: Sendable, Hashable, Codable {
    public var companyId: CompanyID
    public var title: String?
    public var type: ContractType
    /// The tenant's default currency when absent.
    public var currency: Currency?
    public var autoRenew: Bool?

    public init(companyId: CompanyID, title: String?, type: ContractType, currency: Currency? = nil, autoRenew: Bool? = nil) {
        self.companyId = companyId
        self.title = title
        self.type = type
        self.currency = currency
        self.autoRenew = autoRenew
    }
}

/// Changes to a contract; absent fields stay as they are.
public struct ContractUpdate: Sendable, Hashable, Codable {
    public var title: String?
    public var type: ContractType?
    public var autoRenew: Bool?

    public init(title: String? = nil, type: ContractType? = nil, autoRenew: Bool? = nil) {
        self.title = title
        self.type = type
        self.autoRenew = autoRenew
    }
}

/// Filters and order for contract lists.
public struct ContractListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt]

    public var sort: ListSort
    public var companyId: CompanyID?
    public var status: ContractStatus?

    public init(sort: ListSort = ListSort(.createdAt, descending: true), companyId: CompanyID? = nil, status: ContractStatus? = nil) {
        self.sort = sort
        self.companyId = companyId
        self.status = status
    }
}

/// A line item as staff write it, both to add one and to replace one (every field is set
/// again). `amount` is in minor units of the contract's currency (`500000` is 5,000.00).
///
/// See ``ContractLineItem`` for what `is_recurring` and `billing_period_months` mean.
public struct ContractLineItemInput: Sendable, Hashable, Codable {
    public var itemType: ContractLineItemType?
    public var description: String?
    public var amount: Int64?
    /// 1...120.
    public var billingPeriodMonths: Int?
    public var startDate: LocalDate?
    public var endDate: LocalDate?
    /// `false` when absent.
    public var isRecurring: Bool?
    /// `active` when absent.
    public var status: ContractLineItemStatus?
    public var taxCode: String?

    public init(
        itemType: ContractLineItemType? = .custom, description: String?, amount: Int64?, billingPeriodMonths: Int?,
        startDate: LocalDate?, endDate: LocalDate? = nil, isRecurring: Bool? = nil, status: ContractLineItemStatus? = nil,
        taxCode: String? = nil
    ) {
        self.itemType = itemType
        self.description = description
        self.amount = amount
        self.billingPeriodMonths = billingPeriodMonths
        self.startDate = startDate
        self.endDate = endDate
        self.isRecurring = isRecurring
        self.status = status
        self.taxCode = taxCode
    }
}

/// A contract's billing configuration; every field is set again.
public struct ContractBillingSettings: Sendable, Hashable, Codable {
    public var frequency: ContractBillingFrequency
    /// Required for `custom` (1...120); must be absent or match for `monthly` (1) and `quarterly` (3).
    public var intervalMonths: Int?
    /// The first day of period 0; when absent, enabling uses the earliest billable line item's start.
    public var startDate: LocalDate?
    /// Charges dated on or after this day are not billed.
    public var endDate: LocalDate?

    public init(
        frequency: ContractBillingFrequency, intervalMonths: Int? = nil, startDate: LocalDate? = nil, endDate: LocalDate? = nil
    ) {
        self.frequency = frequency
        self.intervalMonths = intervalMonths
        self.startDate = startDate
        self.endDate = endDate
    }
}

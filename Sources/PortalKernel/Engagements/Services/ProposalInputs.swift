/// A new proposal. It starts as a `draft`.
///
/// Milestones name their phase by its name (`"phase": "Discovery"`), so a whole plan can be
/// written in one request; amounts are minor units of the proposal's currency (`50000` is 500.00).
public struct NewProposal: Sendable, Hashable, Codable {
    public var companyId: CompanyID
    /// The client contact the engagement is for: one of the company's contacts.
    public var contactId: ContactID
    public var contractId: ContractID?
    public var title: String?
    public var purpose: String?
    /// The tenant's default currency when absent.
    public var currency: Currency?
    public var phases: [ProposalPhaseInput]?
    public var milestones: [ProposalMilestoneInput]?
    public var payments: [ProposalPaymentInput]?

    public init(
        companyId: CompanyID, contactId: ContactID, contractId: ContractID? = nil, title: String?, purpose: String?,
        currency: Currency? = nil, phases: [ProposalPhaseInput]? = nil, milestones: [ProposalMilestoneInput]? = nil,
        payments: [ProposalPaymentInput]? = nil
    ) {
        self.companyId = companyId
        self.contactId = contactId
        self.contractId = contractId
        self.title = title
        self.purpose = purpose
        self.currency = currency
        self.phases = phases
        self.milestones = milestones
        self.payments = payments
    }
}

/// Changes to a draft proposal; absent fields stay as they are. A list that is present replaces
/// the whole list (milestones must still name existing phases).
public struct ProposalUpdate: Sendable, Hashable, Codable {
    public var contactId: ContactID?
    public var contractId: ContractID?
    public var title: String?
    public var purpose: String?
    public var phases: [ProposalPhaseInput]?
    public var milestones: [ProposalMilestoneInput]?
    public var payments: [ProposalPaymentInput]?

    public init(
        contactId: ContactID? = nil, contractId: ContractID? = nil, title: String? = nil, purpose: String? = nil,
        phases: [ProposalPhaseInput]? = nil, milestones: [ProposalMilestoneInput]? = nil,
        payments: [ProposalPaymentInput]? = nil
    ) {
        self.contactId = contactId
        self.contractId = contractId
        self.title = title
        self.purpose = purpose
        self.phases = phases
        self.milestones = milestones
        self.payments = payments
    }
}

/// A phase as written; its position is its place in the list.
public struct ProposalPhaseInput: Sendable, Hashable, Codable {
    /// Unique within the proposal.
    public var name: String?
    public var description: String?

    public init(name: String?, description: String? = nil) {
        self.name = name
        self.description = description
    }
}

/// A milestone as written; its order is its place in the list.
public struct ProposalMilestoneInput: Sendable, Hashable, Codable {
    public var title: String?
    /// The name of one of the proposal's phases; absent for a milestone outside any phase.
    public var phase: String?
    public var dueDate: LocalDate?

    public init(title: String?, phase: String? = nil, dueDate: LocalDate?) {
        self.title = title
        self.phase = phase
        self.dueDate = dueDate
    }
}

/// A payment-schedule item as written.
public struct ProposalPaymentInput: Sendable, Hashable, Codable {
    public var description: String?
    /// Minor units, positive, before tax.
    public var amount: Int64?
    public var dueDate: LocalDate?
    /// A tax rate code of the tenant, applied on the invoice.
    public var taxCode: String?

    public init(description: String?, amount: Int64?, dueDate: LocalDate?, taxCode: String? = nil) {
        self.description = description
        self.amount = amount
        self.dueDate = dueDate
        self.taxCode = taxCode
    }
}

/// Filters and order for proposal lists.
public struct ProposalListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt]

    public var sort: ListSort
    public var companyId: CompanyID?
    public var contactId: ContactID?
    public var status: ProposalStatus?

    public init(
        sort: ListSort = ListSort(.createdAt, descending: true), companyId: CompanyID? = nil, contactId: ContactID? = nil,
        status: ProposalStatus? = nil
    ) {
        self.sort = sort
        self.companyId = companyId
        self.contactId = contactId
        self.status = status
    }
}

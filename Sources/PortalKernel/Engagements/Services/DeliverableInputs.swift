/// A new deliverable, written by staff. It starts `pending` unless a status is given.
public struct NewDeliverable: Sendable, Hashable, Codable {
    /// The client contact it is delivered to; its company is the deliverable's company.
    public var contactId: ContactID
    /// The proposal it belongs to (of the contact's company), if any.
    public var proposalId: ProposalID?
    /// A milestone of that proposal, if any.
    public var milestoneId: MilestoneID?
    public var title: String?
    public var description: String?
    public var category: String?
    public var status: DeliverableStatus?
    /// Required when the status is `blocked`.
    public var notes: String?
    public var dueDate: LocalDate?

    public init(
        contactId: ContactID, proposalId: ProposalID? = nil, milestoneId: MilestoneID? = nil, title: String?,
        description: String? = nil, category: String? = nil, status: DeliverableStatus? = nil, notes: String? = nil,
        dueDate: LocalDate? = nil
    ) {
        self.contactId = contactId
        self.proposalId = proposalId
        self.milestoneId = milestoneId
        self.title = title
        self.description = description
        self.category = category
        self.status = status
        self.notes = notes
        self.dueDate = dueDate
    }
}

/// Changes to a deliverable; absent fields stay as they are, and empty text clears an optional
/// field. A status change must be one of the steps ``DeliverableStatus`` allows.
public struct DeliverableUpdate: Sendable, Hashable, Codable {
    public var title: String?
    public var description: String?
    public var category: String?
    public var status: DeliverableStatus?
    /// Required (here or already stored) when the status becomes `blocked`.
    public var notes: String?
    public var dueDate: LocalDate?

    public init(
        title: String? = nil, description: String? = nil, category: String? = nil, status: DeliverableStatus? = nil,
        notes: String? = nil, dueDate: LocalDate? = nil
    ) {
        self.title = title
        self.description = description
        self.category = category
        self.status = status
        self.notes = notes
        self.dueDate = dueDate
    }
}

/// Filters and order for deliverable lists.
public struct DeliverableListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt]

    public var sort: ListSort
    public var companyId: CompanyID?
    public var contactId: ContactID?
    public var proposalId: ProposalID?
    public var status: DeliverableStatus?

    public init(
        sort: ListSort = ListSort(.createdAt), companyId: CompanyID? = nil, contactId: ContactID? = nil,
        proposalId: ProposalID? = nil, status: DeliverableStatus? = nil
    ) {
        self.sort = sort
        self.companyId = companyId
        self.contactId = contactId
        self.proposalId = proposalId
        self.status = status
    }
}

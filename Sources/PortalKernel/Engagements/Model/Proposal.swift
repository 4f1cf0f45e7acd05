/// An engagement plan for one company and its primary contact: why (``purpose``), how
/// (ordered ``phases``), when (``milestones``) and for how much (``payments``, the payment
/// schedule). The proposal's id is the engagement id of the client portal view.
///
/// Staff write a proposal while it is a `draft` and send it; the client (a company user allowed
/// to sign contracts) or staff approve it. Approval creates one ``Deliverable`` per milestone and
/// hands the payment schedule to the billing engine, which invoices each item when it comes due.
public struct Proposal: Sendable, Hashable, Codable {
    public var id: ProposalID
    public var tenantId: TenantID
    public var companyId: CompanyID
    /// The client contact the engagement is for; deliverables are linked to them.
    public var contactId: ContactID
    /// The contract that governs the engagement, when there is one.
    public var contractId: ContractID?
    public var title: String
    public var purpose: String
    /// The currency of every payment-schedule item.
    public var currency: Currency
    public var status: ProposalStatus
    public var phases: [ProposalPhase]
    public var milestones: [ProposalMilestone]
    public var payments: [ProposalPayment]
    public var sentAt: Instant?
    public var approvedAt: Instant?
    /// The ``Principal/label`` of whoever approved it.
    public var approvedBy: String?
    public var completedAt: Instant?
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// Where a proposal stands.
///
/// ```
/// draft ──▶ sent ──▶ approved ──▶ active ──▶ completed
/// ```
///
/// Staff edit only drafts. An approved proposal becomes `active` when work on one of its
/// deliverables starts (or staff say so) and `completed` when staff close it, which needs every
/// deliverable completed. Clients never see drafts.
public enum ProposalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case sent
    case approved
    case active
    case completed

    /// Whether `next` is an allowed step from this status.
    public func canMove(to next: ProposalStatus) -> Bool {
        switch (self, next) {
        case (.draft, .sent), (.sent, .approved), (.approved, .active), (.active, .completed): true
        default: false
        }
    }
}

/// One ordered stage of the work.
public struct ProposalPhase: Sendable, Hashable, Codable {
    public var id: ProposalPhaseID
    /// 0-based order within the proposal.
    public var position: Int
    public var name: String
    public var description: String?
}

/// A dated point of the plan, within a phase. Approval turns each into a deliverable.
public struct ProposalMilestone: Sendable, Hashable, Codable {
    public var id: MilestoneID
    public var phaseId: ProposalPhaseID?
    /// 0-based order within the proposal.
    public var position: Int
    public var title: String
    public var dueDate: LocalDate
}

/// One item of the payment schedule. Its status follows the invoice that bills it:
/// `pending` (not invoiced yet), `invoiced`, `paid` (settled: paid, or credited in full by a
/// credit note) or `overdue`.
public struct ProposalPayment: Sendable, Hashable, Codable {
    public var id: ProposalPaymentID
    /// 0-based order within the proposal.
    public var position: Int
    public var description: String
    /// Before tax; the tax code's rate is added (or included) on the invoice.
    public var amount: Money
    public var dueDate: LocalDate
    public var taxCode: String?
    public var status: ProposalPaymentStatus
    public var invoiceId: InvoiceID?
}

/// Where one payment-schedule item stands.
public enum ProposalPaymentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not invoiced yet (or its invoice was voided and it waits to be invoiced again).
    case pending
    case invoiced
    case paid
    case overdue

    /// The item's status for its invoice's status.
    static func following(_ invoice: InvoiceStatus) -> ProposalPaymentStatus {
        switch invoice {
        case .paid: .paid
        case .overdue: .overdue
        case .void: .pending
        case .draft, .open, .partiallyPaid, .uncollectible: .invoiced
        }
    }
}

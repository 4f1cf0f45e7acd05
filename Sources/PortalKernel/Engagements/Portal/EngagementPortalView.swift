/// Everything a client sees of one engagement, in one document: who it is for, the governing
/// contract, the deliverables, the plan, the payment schedule with its invoices, and a summary.
///
/// Built by ``EngagementPortal/view(_:by:)`` with a fixed number of queries whatever the number
/// of deliverables, milestones or payments. `payments` is empty, and `status.next_payment`
/// absent, for a reader who may not see the company's billing.
public struct EngagementPortalView: Sendable, Hashable, Codable {
    public var engagementId: ProposalID
    public var client: Client
    public var contract: ContractSummary?
    public var deliverables: [DeliverableSummary]
    public var proposal: ProposalSummary
    public var payments: [PaymentSummary]
    public var status: StatusSummary
    /// Today in the tenant's time zone, which `overdue` flags are computed for.
    public var asOf: LocalDate

    /// The client the engagement is for.
    public struct Client: Sendable, Hashable, Codable {
        /// The contact's name.
        public var name: String
        public var contactId: ContactID
        public var contactEmail: String?
        /// The company's name.
        public var company: String
        public var companyId: CompanyID
    }

    /// The contract that governs the engagement: the proposal's, or else the company's current one.
    public struct ContractSummary: Sendable, Hashable, Codable {
        public var id: ContractID
        public var title: String
        public var status: ContractStatus
        /// The day the client signed, in the tenant's time zone.
        public var signedDate: LocalDate?
    }

    public struct DeliverableSummary: Sendable, Hashable, Codable {
        public var id: DeliverableID
        public var title: String
        public var status: DeliverableStatus
        public var category: String?
        public var dueDate: LocalDate?
        public var completedAt: Instant?
        public var milestoneId: MilestoneID?
        public var overdue: Bool
        /// The deliverable's notes (why it is blocked, when it is).
        public var notes: String?
    }

    public struct ProposalSummary: Sendable, Hashable, Codable {
        public var id: ProposalID
        public var title: String
        public var purpose: String
        public var status: ProposalStatus
        public var phases: [ProposalPhase]
        public var milestones: [MilestoneSummary]
    }

    /// A milestone with its phase's name and whether its deliverables are all completed.
    public struct MilestoneSummary: Sendable, Hashable, Codable {
        public var id: MilestoneID
        public var title: String
        public var phaseId: ProposalPhaseID?
        public var phase: String?
        public var dueDate: LocalDate
        public var position: Int
        public var completed: Bool
    }

    /// One payment-schedule item, and its invoice once there is one.
    public struct PaymentSummary: Sendable, Hashable, Codable {
        public var id: ProposalPaymentID
        public var description: String
        public var amount: Money
        public var dueDate: LocalDate
        public var status: ProposalPaymentStatus
        public var invoice: InvoiceLink?
    }

    /// Where to find an invoice, and what remains to pay on it.
    public struct InvoiceLink: Sendable, Hashable, Codable {
        public var id: InvoiceID
        public var number: String?
        public var status: InvoiceStatus
        public var total: Money
        public var amountDue: Money
        public var dueDate: LocalDate?
        /// The API path of the invoice (`/api/v1/invoices/{id}`).
        public var url: String
        /// The API path of its PDF.
        public var pdfUrl: String
    }

    public struct StatusSummary: Sendable, Hashable, Codable {
        public var overall: EngagementState
        public var completedDeliverables: Int
        public var totalDeliverables: Int
        /// Completed out of total deliverables, rounded down to a whole percent (0 with none).
        public var progressPercent: Int
        /// The first milestone, by due date, whose deliverables are not all completed.
        public var nextMilestone: NextMilestone?
        /// The first schedule item, by due date, that is not paid.
        public var nextPayment: NextPayment?
        public var blockedDeliverables: Int
        public var overdueDeliverables: Int
    }

    public struct NextMilestone: Sendable, Hashable, Codable {
        public var id: MilestoneID
        public var title: String
        public var dueDate: LocalDate
    }

    public struct NextPayment: Sendable, Hashable, Codable {
        public var id: ProposalPaymentID
        public var description: String
        /// What remains to pay: the invoice's amount due (tax included) once invoiced, else the
        /// scheduled amount, before the tax its invoice will add.
        public var amount: Money
        public var dueDate: LocalDate
        public var status: ProposalPaymentStatus
        public var invoiceId: InvoiceID?
    }
}

/// The overall state of an engagement, as the portal summarises it.
public enum EngagementState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sent, waiting for the client's approval.
    case awaitingApproval = "awaiting_approval"
    /// Approved; no deliverable started yet.
    case notStarted = "not_started"
    case inProgress = "in_progress"
    /// At least one deliverable is blocked.
    case blocked
    /// Every deliverable is completed (or the proposal is closed).
    case completed
}

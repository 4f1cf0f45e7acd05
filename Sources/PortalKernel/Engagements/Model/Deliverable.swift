/// Something the business delivers to a client contact, with live status.
///
/// Created by hand or, one per milestone, when a proposal is approved (then linked to the
/// proposal and the milestone, due when the milestone is). ``completedAt`` is set by the kernel
/// when the deliverable is completed; ``notes`` are required while it is blocked.
public struct Deliverable: Sendable, Hashable, Codable {
    public var id: DeliverableID
    public var tenantId: TenantID
    public var companyId: CompanyID
    public var contactId: ContactID
    public var proposalId: ProposalID?
    public var milestoneId: MilestoneID?
    public var title: String
    public var description: String?
    /// A free label such as `foundation` or `integration`.
    public var category: String?
    public var status: DeliverableStatus
    public var notes: String?
    public var dueDate: LocalDate?
    public var completedAt: Instant?
    /// Whether it is past its due date and not completed, today in the tenant's time zone.
    public var overdue: Bool
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// Where a deliverable stands.
///
/// | from | to |
/// |---|---|
/// | `pending` | `in_progress`, `blocked` |
/// | `in_progress` | `completed`, `blocked` |
/// | `blocked` | `in_progress` |
/// | `completed` | `in_progress` (reopened) |
///
/// Work starts, may block (with notes saying why) and resume, and completes; a completed
/// deliverable can be reopened to `in_progress`. Nothing completes without having started, and
/// nothing returns to `pending`.
public enum DeliverableStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case inProgress = "in_progress"
    case completed
    case blocked

    /// Whether `next` is an allowed step from this status.
    public func canMove(to next: DeliverableStatus) -> Bool {
        switch (self, next) {
        case (.pending, .inProgress), (.pending, .blocked),
            (.inProgress, .completed), (.inProgress, .blocked),
            (.blocked, .inProgress),
            (.completed, .inProgress):
            true
        default: false
        }
    }
}

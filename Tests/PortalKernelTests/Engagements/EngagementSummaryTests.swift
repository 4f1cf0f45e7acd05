import Foundation
import Testing

@testable import PortalKernel

@Suite("Engagement portal summary")
struct EngagementSummaryTests {
    private let now = Instant(secondsSinceEpoch: 1_780_000_000)
    private let tenant = TenantID.generate(at: Instant(secondsSinceEpoch: 0))
    private let company = CompanyID.generate(at: Instant(secondsSinceEpoch: 0))
    private let contact = ContactID.generate(at: Instant(secondsSinceEpoch: 0))
    private let today = LocalDate(year: 2026, month: 6, day: 1)!

    private func proposal(_ status: ProposalStatus) -> Proposal {
        Proposal(
            id: ProposalID.generate(at: now), tenantId: tenant, companyId: company, contactId: contact, contractId: nil,
            title: "Plan", purpose: "Why", currency: .usd, status: status, phases: [], milestones: [], payments: [],
            sentAt: nil, approvedAt: nil, approvedBy: nil, completedAt: nil, createdAt: now, updatedAt: now)
    }

    private func milestone(_ title: String, _ position: Int, due: Int) -> ProposalMilestone {
        ProposalMilestone(id: MilestoneID.generate(at: now), phaseId: nil, position: position, title: title, dueDate: today.adding(days: due))
    }

    private func deliverable(_ status: DeliverableStatus, milestone: MilestoneID?, due: Int = 5) -> Deliverable {
        let dueDate = today.adding(days: due)
        return Deliverable(
            id: DeliverableID.generate(at: now), tenantId: tenant, companyId: company, contactId: contact, proposalId: nil,
            milestoneId: milestone, title: "D", description: nil, category: nil, status: status,
            notes: status == .blocked ? "why" : nil, dueDate: dueDate, completedAt: status == .completed ? now : nil,
            overdue: DeliverableStore.isOverdue(status: status, dueDate: dueDate, today: today), createdAt: now, updatedAt: now)
    }

    private func payment(_ description: String, _ amount: Int64, due: Int, _ status: ProposalPaymentStatus) -> EngagementPortalView.PaymentSummary {
        EngagementPortalView.PaymentSummary(
            id: ProposalPaymentID.generate(at: now), description: description, amount: Money(minorUnits: amount, currency: .usd),
            dueDate: today.adding(days: due), status: status, invoice: nil)
    }

    private func view(
        _ status: ProposalStatus, milestones: [ProposalMilestone] = [], deliverables: [Deliverable] = [],
        payments: [EngagementPortalView.PaymentSummary] = []
    ) -> EngagementPortalView {
        EngagementPortalSummary(
            proposal: proposal(status), phases: [], milestones: milestones, deliverables: deliverables, payments: payments
        ).view(
            client: EngagementPortalView.Client(name: "Ana", contactId: contact, contactEmail: nil, company: "Karoo", companyId: company),
            contract: nil, today: today)
    }

    @Test func noDeliverablesIsZeroPercentAndNotStarted() {
        let summary = view(.approved).status
        #expect(summary.progressPercent == 0 && summary.totalDeliverables == 0 && summary.overall == .notStarted)
        #expect(view(.sent).status.overall == .awaitingApproval)
        #expect(view(.completed).status.overall == .completed)
    }

    @Test func progressRoundsDownAndBlockedWins() {
        let deliverables = [deliverable(.completed, milestone: nil), deliverable(.completed, milestone: nil), deliverable(.blocked, milestone: nil)]
        let summary = view(.active, deliverables: deliverables).status
        #expect(summary.progressPercent == 66 && summary.completedDeliverables == 2 && summary.overall == .blocked)
        #expect(summary.blockedDeliverables == 1)
    }

    @Test func nextMilestoneIsTheEarliestNotCompleted() {
        let early = milestone("Early", 0, due: 3), late = milestone("Late", 1, due: 9), empty = milestone("Empty", 2, due: 6)
        let deliverables = [deliverable(.completed, milestone: early.id), deliverable(.inProgress, milestone: late.id)]
        let result = view(.active, milestones: [early, late, empty], deliverables: deliverables)
        #expect(result.proposal.milestones.map(\.completed) == [true, false, false])
        // A milestone with no deliverable is not completed: it comes next by date.
        #expect(result.status.nextMilestone?.title == "Empty")
    }

    @Test func nextPaymentIsTheEarliestUnpaid() {
        let payments = [payment("Paid", 100, due: -5, .paid), payment("Later", 300, due: 20, .pending), payment("Soon", 200, due: 2, .overdue)]
        let next = view(.active, payments: payments).status.nextPayment
        #expect(next?.description == "Soon" && next?.amount.minorUnits == 200 && next?.status == .overdue)
    }

    @Test func overdueCountsOpenDeliverablesPastTheirDate() {
        let deliverables = [deliverable(.inProgress, milestone: nil, due: -1), deliverable(.completed, milestone: nil, due: -1)]
        let summary = view(.active, deliverables: deliverables)
        #expect(summary.status.overdueDeliverables == 1 && summary.deliverables.map(\.overdue) == [true, false])
    }

    @Test func deliverableStepsFollowTheTable() {
        #expect(DeliverableStatus.pending.canMove(to: .inProgress) && DeliverableStatus.pending.canMove(to: .blocked))
        #expect(!DeliverableStatus.pending.canMove(to: .completed))
        #expect(DeliverableStatus.completed.canMove(to: .inProgress) && !DeliverableStatus.completed.canMove(to: .pending))
        #expect(!DeliverableStatus.blocked.canMove(to: .pending) && DeliverableStatus.blocked.canMove(to: .inProgress))
    }

    @Test func portalLinkTokensRoundTripAndRejectTampering() {
        let key = Array(repeating: UInt8(7), count: 32)
        let token = PortalLinkToken(linkId: PortalLinkID.generate(at: now), expiresAt: Instant(secondsSinceEpoch: 1_800_000_000))
        let text = token.signed(with: key)
        let parsed = PortalLinkToken.parse(text)
        #expect(parsed?.token == token)
        if let parsed { #expect(PortalLinkToken.verify(parsed.signature, of: parsed.payload, key: key)) }
        if let parsed { #expect(!PortalLinkToken.verify(parsed.signature, of: parsed.payload, key: Array(repeating: 8, count: 32))) }
        #expect(PortalLinkToken.parse("pl_" + String(text.dropFirst(4))) == nil || PortalLinkToken.parse("pl_" + String(text.dropFirst(4)))?.token != token)
        #expect(PortalLinkToken.parse("nope") == nil && PortalLinkToken.parse("pl_a.b") == nil)
    }
}

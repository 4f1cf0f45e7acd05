/// Assembles a portal view from an engagement's rows and summarises it: progress, the next
/// milestone and the next payment. Pure, so the rules are tested without a database.
struct EngagementPortalSummary {
    var proposal: Proposal
    var phases: [ProposalPhase]
    var milestones: [ProposalMilestone]
    var deliverables: [Deliverable]
    var payments: [EngagementPortalView.PaymentSummary]

    func view(
        client: EngagementPortalView.Client, contract: EngagementPortalView.ContractSummary?, today: LocalDate
    ) -> EngagementPortalView {
        let phaseNames = Dictionary(uniqueKeysWithValues: phases.map { ($0.id, $0.name) })
        var openByMilestone: [MilestoneID: Int] = [:]
        var deliveredByMilestone: [MilestoneID: Int] = [:]
        for deliverable in deliverables {
            guard let milestone = deliverable.milestoneId else { continue }
            if deliverable.status == .completed {
                deliveredByMilestone[milestone, default: 0] += 1
            } else {
                openByMilestone[milestone, default: 0] += 1
            }
        }
        let milestoneSummaries = milestones.map { milestone in
            EngagementPortalView.MilestoneSummary(
                id: milestone.id, title: milestone.title, phaseId: milestone.phaseId,
                phase: milestone.phaseId.flatMap { phaseNames[$0] }, dueDate: milestone.dueDate, position: milestone.position,
                completed: proposal.status == .completed
                    || (openByMilestone[milestone.id, default: 0] == 0 && deliveredByMilestone[milestone.id, default: 0] > 0))
        }
        return EngagementPortalView(
            engagementId: proposal.id, client: client, contract: contract,
            deliverables: deliverables.map {
                EngagementPortalView.DeliverableSummary(
                    id: $0.id, title: $0.title, status: $0.status, category: $0.category, dueDate: $0.dueDate,
                    completedAt: $0.completedAt, milestoneId: $0.milestoneId, overdue: $0.overdue,
                    notes: $0.notes)
            },
            proposal: EngagementPortalView.ProposalSummary(
                id: proposal.id, title: proposal.title, purpose: proposal.purpose, status: proposal.status, phases: phases,
                milestones: milestoneSummaries),
            payments: payments, status: status(milestones: milestoneSummaries), asOf: today)
    }

    private func status(milestones: [EngagementPortalView.MilestoneSummary]) -> EngagementPortalView.StatusSummary {
        let total = deliverables.count
        let completed = deliverables.filter { $0.status == .completed }.count
        let blocked = deliverables.filter { $0.status == .blocked }.count
        let next = milestones.filter { !$0.completed }.min { ($0.dueDate, $0.position) < ($1.dueDate, $1.position) }
        // `min(by:)` keeps the first of equal dates, and payments come in schedule order.
        let unpaid = payments.filter { $0.status != .paid }.min { $0.dueDate < $1.dueDate }
        return EngagementPortalView.StatusSummary(
            overall: overall(total: total, completed: completed, blocked: blocked),
            completedDeliverables: completed, totalDeliverables: total,
            progressPercent: total == 0 ? 0 : completed * 100 / total,
            nextMilestone: next.map { EngagementPortalView.NextMilestone(id: $0.id, title: $0.title, dueDate: $0.dueDate) },
            nextPayment: unpaid.map {
                EngagementPortalView.NextPayment(
                    id: $0.id, description: $0.description, amount: $0.invoice?.amountDue ?? $0.amount, dueDate: $0.dueDate,
                    status: $0.status, invoiceId: $0.invoice?.id)
            },
            blockedDeliverables: blocked, overdueDeliverables: deliverables.filter(\.overdue).count)
    }

    private func overall(total: Int, completed: Int, blocked: Int) -> EngagementState {
        switch proposal.status {
        case .draft, .sent: return .awaitingApproval
        case .completed: return .completed
        case .approved, .active:
            if total > 0 && completed == total { return .completed }
            if blocked > 0 { return .blocked }
            let started = deliverables.contains { $0.status != .pending }
            return started || proposal.status == .active ? .inProgress : .notStarted
        }
    }
}

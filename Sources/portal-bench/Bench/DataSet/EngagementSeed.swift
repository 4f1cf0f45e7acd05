import PortalKernel

/// One seeded engagement as drawn from the seeded generator, before it becomes rows: an active
/// proposal with two phases, its milestones, its payment schedule and its deliverables.
///
/// Its timeline: created 45 days before the run date (plus a second per engagement number),
/// sent an hour later, approved a day later (as the operator, on the client's behalf), active
/// the day after; the deliverables of the milestones are created at approval, one microsecond
/// apart, exactly as ``Proposals/approve(_:by:)`` creates them, and the extra ones a day later.
struct EngagementSeed: Sendable {
    struct DeliverableSeed: Sendable {
        var id: DeliverableID
        var status: DeliverableStatus
        /// Picks for the title of an extra deliverable and the notes of a blocked one.
        var titlePick: Int
        var notesPick: Int
    }

    /// The engagement's number among all seeded ones (growth engagements follow the others).
    var number: Int
    var tenantIndex: Int
    var companyIndex: Int
    var proposalId: ProposalID
    var created: Instant
    /// What is built, in lower case after its first word (`Online shop`).
    var project: String
    var phaseIds: [ProposalPhaseID]
    var milestoneIds: [MilestoneID]
    var payments: [(id: ProposalPaymentID, amount: Int64)]
    var deliverables: [DeliverableSeed]

    var sent: Instant { created + .seconds(3_600) }
    var approved: Instant { created + .seconds(86_400) }
    var activated: Instant { approved + .seconds(86_400) }
    var title: String { "\(project) (engagement \(number + 1))" }
    var purpose: String {
        "Deliver the \(project.lowercased()) in two phases, paid for on a schedule agreed up front."
    }

    /// Draws engagement `number` with `deliverableCount` deliverables and up to
    /// `milestoneCount` milestones (never more than deliverables).
    init(
        number: Int, tenantIndex: Int, companyIndex: Int, milestoneCount: Int, deliverableCount: Int, paymentCount: Int,
        runDate: LocalDate, random: inout DataSetRandom
    ) {
        self.number = number
        self.tenantIndex = tenantIndex
        self.companyIndex = companyIndex
        created = DataSetSeeder.instant(runDate.adding(days: -45), hour: 8) + .seconds(Int64(number))
        proposalId = ProposalID.generate(at: created, using: &random)
        project = "\(random.pick(DataSetNames.projectAdjectives)) \(random.pick(DataSetNames.projectNouns))"
        let created = created
        phaseIds = DataSetNames.phases.map { _ in ProposalPhaseID.generate(at: created, using: &random) }
        milestoneIds = (0..<min(milestoneCount, deliverableCount)).map { _ in MilestoneID.generate(at: created, using: &random) }
        payments = (0..<paymentCount).map { _ in
            (ProposalPaymentID.generate(at: created, using: &random), Int64(500 + random.below(4_500)) * 100)
        }
        let approved = created + .seconds(86_400)
        let milestones = milestoneIds.count
        deliverables = (0..<deliverableCount).map { position in
            let roll = random.below(100)
            let status: DeliverableStatus = roll < 35 ? .completed : roll < 55 ? .inProgress : roll < 63 ? .blocked : .pending
            let createdAt = position < milestones ? approved : approved + .seconds(86_400)
            return DeliverableSeed(
                id: DeliverableID.generate(at: createdAt, using: &random), status: status,
                titlePick: random.below(DataSetNames.extraWork.count), notesPick: random.below(DataSetNames.blockers.count))
        }
    }
}

/// The rows of a batch of engagements, one builder per table, in foreign-key order.
struct EngagementRows {
    static let proposalColumns = [
        "id", "tenant_id", "company_id", "contact_id", "contract_id", "title", "purpose", "currency", "status", "sent_at",
        "approved_at", "approved_by", "completed_at", "created_at", "updated_at",
    ]
    static let phaseColumns = ["id", "tenant_id", "proposal_id", "position", "name", "description"]
    static let milestoneColumns = ["id", "tenant_id", "proposal_id", "phase_id", "position", "title", "due_date"]
    static let paymentColumns = [
        "id", "tenant_id", "proposal_id", "position", "description", "amount", "due_date", "tax_code", "status", "invoice_id",
        "updated_at",
    ]
    static let deliverableColumns = [
        "id", "tenant_id", "company_id", "contact_id", "proposal_id", "milestone_id", "title", "description", "category",
        "status", "notes", "due_date", "completed_at", "position", "created_at", "updated_at",
    ]

    var proposals = DataSetBulkInsert(table: "proposals", columns: proposalColumns)
    var phases = DataSetBulkInsert(table: "proposal_phases", columns: phaseColumns)
    var milestones = DataSetBulkInsert(table: "proposal_milestones", columns: milestoneColumns)
    var payments = DataSetBulkInsert(table: "proposal_payments", columns: paymentColumns)
    var deliverables = DataSetBulkInsert(table: "deliverables", columns: deliverableColumns)

    var count: Int { proposals.count + phases.count + milestones.count + payments.count + deliverables.count }

    /// Every statement, parents before children.
    func statements() -> [SQLStatement] {
        [proposals, phases, milestones, payments, deliverables].flatMap { $0.statements() }
    }

    /// Adds the rows of `engagement`, whose company and contact are `company`, in `tenant`.
    mutating func append(
        _ engagement: EngagementSeed, tenant: SeedDirectory.TenantEntry, company: SeedDirectory.CompanyEntry,
        approvedBy: String, runDate: LocalDate
    ) {
        let tenantId = tenant.id.sqlValue
        let proposalId = engagement.proposalId.sqlValue
        proposals.append([
            proposalId, tenantId, company.id.sqlValue, company.contactId.sqlValue, .null, .text(engagement.title),
            .text(engagement.purpose),
            tenant.currency.sqlValue, .text(ProposalStatus.active.rawValue), engagement.sent.sqlValue,
            engagement.approved.sqlValue, .text(approvedBy), .null, engagement.created.sqlValue,
            engagement.activated.sqlValue,
        ])
        for (position, id) in engagement.phaseIds.enumerated() {
            let phase = DataSetNames.phases[position]
            phases.append([id.sqlValue, tenantId, proposalId, position.sqlValue, .text(phase.0), .text(phase.1)])
        }
        // The first half of the milestones (rounded up) in the first phase, the rest in the second.
        let firstPhaseMilestones = (engagement.milestoneIds.count + 1) / 2
        func phase(ofMilestone position: Int) -> Int { position < firstPhaseMilestones ? 0 : 1 }
        func milestoneDue(_ position: Int) -> LocalDate { runDate.adding(days: 14 * (position + 1)) }
        for (position, id) in engagement.milestoneIds.enumerated() {
            milestones.append([
                id.sqlValue, tenantId, proposalId, engagement.phaseIds[phase(ofMilestone: position)].sqlValue,
                position.sqlValue, .text(DataSetNames.milestone(position)), milestoneDue(position).sqlValue,
            ])
        }
        // Due 200 to 400 days out: far beyond any run near the run date (payment terms plus lead days).
        let spacing = engagement.payments.count > 1 ? 200 / (engagement.payments.count - 1) : 0
        for (position, payment) in engagement.payments.enumerated() {
            let description =
                position == 0 ? "Deposit"
                : position == engagement.payments.count - 1 ? "Final payment" : "Instalment \(position + 1)"
            payments.append([
                payment.id.sqlValue, tenantId, proposalId, position.sqlValue, .text(description), payment.amount.sqlValue,
                runDate.adding(days: 200 + position * spacing).sqlValue, .null,
                .text(ProposalPaymentStatus.pending.rawValue), .null, engagement.activated.sqlValue,
            ])
        }
        for (position, deliverable) in engagement.deliverables.enumerated() {
            let fromMilestone = position < engagement.milestoneIds.count
            // Approval's deliverables a microsecond apart in milestone order; the extra ones a day later.
            let created = (fromMilestone ? engagement.approved : engagement.approved + .seconds(86_400))
                + .microseconds(Int64(position))
            let worked = engagement.approved + .seconds(2 * 86_400 + Int64(position % 30) * 3_600)
            let completedAt: Instant? = deliverable.status == .completed ? worked : nil
            let notes: String? = deliverable.status == .blocked ? DataSetNames.blockers[deliverable.notesPick] : nil
            deliverables.append([
                deliverable.id.sqlValue, tenantId, company.id.sqlValue, company.contactId.sqlValue, proposalId,
                fromMilestone ? engagement.milestoneIds[position].sqlValue : .null,
                .text(fromMilestone ? DataSetNames.milestone(position) : DataSetNames.extraWork[deliverable.titlePick]),
                fromMilestone ? .null : .text("Added after approval."),
                .text(fromMilestone ? DataSetNames.phases[phase(ofMilestone: position)].0 : "Support"),
                .text(deliverable.status.rawValue), notes.sqlValue,
                (fromMilestone ? milestoneDue(position) : runDate.adding(days: 10 + position % 120)).sqlValue,
                completedAt.sqlValue, position.sqlValue, created.sqlValue,
                (deliverable.status == .pending ? created : worked).sqlValue,
            ])
        }
    }
}

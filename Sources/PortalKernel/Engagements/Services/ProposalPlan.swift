/// A proposal's phases, milestones and payment schedule, checked and ready to store.
///
/// Built from input (``init(phases:milestones:payments:)``) or from a stored
/// proposal (``init(_:)``) so an update can replace one list and keep the others.
struct ProposalPlan {
    static let maximumPhases = 50
    static let maximumMilestones = 1_000
    static let maximumPayments = 120
    /// The largest scheduled amount, in minor units (a trillion dollars' worth of cents is not a
    /// payment-schedule item), so tax and totals never overflow when it is invoiced.
    static let maximumAmount: Int64 = 100_000_000_000_000

    var phases: [ProposalPhaseInput]
    var milestones: [ProposalMilestoneInput]
    var payments: [ProposalPaymentInput]

    /// The plan of a stored proposal, as input.
    init(_ proposal: Proposal) {
        let names = Dictionary(uniqueKeysWithValues: proposal.phases.map { ($0.id, $0.name) })
        phases = proposal.phases.map { ProposalPhaseInput(name: $0.name, description: $0.description) }
        milestones = proposal.milestones.map {
            ProposalMilestoneInput(title: $0.title, phase: $0.phaseId.flatMap { names[$0] }, dueDate: $0.dueDate)
        }
        payments = proposal.payments.map {
            ProposalPaymentInput(description: $0.description, amount: $0.amount.minorUnits, dueDate: $0.dueDate, taxCode: $0.taxCode)
        }
    }

    init(phases: [ProposalPhaseInput], milestones: [ProposalMilestoneInput], payments: [ProposalPaymentInput]) {
        self.phases = phases
        self.milestones = milestones
        self.payments = payments
    }

    /// Checks every field, naming the one at fault (`milestones[2].phase`), and builds the rows.
    func build(
        currency: Currency, tenant: TenantID, at now: Instant, on connection: any SQLConnection
    ) throws -> (phases: [ProposalPhase], milestones: [ProposalMilestone], payments: [ProposalPayment]) {
        guard phases.count <= Self.maximumPhases else {
            throw PortalError.invalid("A proposal has at most \(Self.maximumPhases) phases.", field: "phases")
        }
        guard milestones.count <= Self.maximumMilestones else {
            throw PortalError.invalid("A proposal has at most \(Self.maximumMilestones) milestones.", field: "milestones")
        }
        guard payments.count <= Self.maximumPayments else {
            throw PortalError.invalid("A proposal has at most \(Self.maximumPayments) scheduled payments.", field: "payments")
        }
        var builtPhases: [ProposalPhase] = []
        var phaseByName: [String: ProposalPhaseID] = [:]
        for (index, input) in phases.enumerated() {
            let field = "phases[\(index)]"
            let name = try InputValidation.required(input.name, field: "\(field).name")
            let key = name.lowercased()
            guard phaseByName[key] == nil else {
                throw PortalError.invalid("Phase names must be unique.", field: "\(field).name")
            }
            let phase = ProposalPhase(
                id: ProposalPhaseID.generate(at: now), position: index, name: name,
                description: try InputValidation.optional(input.description, field: "\(field).description", maximumLength: 4_000))
            phaseByName[key] = phase.id
            builtPhases.append(phase)
        }
        let builtMilestones = try milestones.enumerated().map { index, input in
            let field = "milestones[\(index)]"
            let phase = try InputValidation.optional(input.phase, field: "\(field).phase").map { name in
                guard let id = phaseByName[name.lowercased()] else {
                    throw PortalError.invalid("No phase is named '\(name)'.", field: "\(field).phase")
                }
                return id
            }
            guard let dueDate = input.dueDate else {
                throw PortalError.invalid("\(field).due_date is required.", field: "\(field).due_date")
            }
            return ProposalMilestone(
                id: MilestoneID.generate(at: now), phaseId: phase, position: index,
                title: try InputValidation.required(input.title, field: "\(field).title"), dueDate: dueDate)
        }
        let builtPayments = try payments.enumerated().map { index, input in
            let field = "payments[\(index)]"
            guard let amount = input.amount else { throw PortalError.invalid("\(field).amount is required.", field: "\(field).amount") }
            guard amount > 0, amount <= Self.maximumAmount else {
                throw PortalError.invalid(
                    "\(field).amount must be positive and at most \(Self.maximumAmount) minor units.", field: "\(field).amount")
            }
            guard let dueDate = input.dueDate else {
                throw PortalError.invalid("\(field).due_date is required.", field: "\(field).due_date")
            }
            let taxCode: String?
            do {
                taxCode = try TaxRates.existingCode(input.taxCode, tenant: tenant, on: connection)
            } catch let error as PortalError where error.field == "tax_code" {
                throw PortalError.invalid(error.message, field: "\(field).tax_code")
            }
            return ProposalPayment(
                id: ProposalPaymentID.generate(at: now), position: index,
                description: try InputValidation.required(input.description, field: "\(field).description"),
                amount: Money(minorUnits: amount, currency: currency), dueDate: dueDate, taxCode: taxCode, status: .pending,
                invoiceId: nil)
        }
        return (builtPhases, builtMilestones, builtPayments)
    }
}

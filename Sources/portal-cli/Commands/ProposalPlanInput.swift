import Foundation
import PortalKernel

/// A proposal's plan as an operator writes it: a JSON file in the API's shape (`--plan FILE`),
/// or one option per phase, milestone and payment. Every failure is `invalid` naming the field
/// (`plan.milestones[1].due_date`, `milestones[0]`), so it exits 2.
///
/// The file is what `POST /api/v1/proposals` takes for the plan, amounts in minor units:
///
/// ```json
/// {"phases": [{"name": "Discovery"}, {"name": "Build", "description": "Shop and portal"}],
///  "milestones": [{"title": "Brief signed off", "phase": "Discovery", "due_date": "2026-12-01"}],
///  "payments": [{"description": "Deposit", "amount": 1800000, "due_date": "2026-12-01", "tax_code": "VAT"}]}
/// ```
///
/// The options are written `--phase "Name[|description]"`, `--milestone "Title|Phase|YYYY-MM-DD"`
/// (the phase may be empty) and `--payment "Description|amount|YYYY-MM-DD[|TAX]"` with the amount
/// as decimal text in the proposal's currency (`18000.00`), like every other CLI amount.
struct ProposalPlanInput: Sendable, Hashable, Codable {
    var phases: [ProposalPhaseInput]?
    var milestones: [ProposalMilestoneInput]?
    var payments: [ProposalPaymentInput]?

    init(phases: [ProposalPhaseInput]? = nil, milestones: [ProposalMilestoneInput]? = nil, payments: [ProposalPaymentInput]? = nil) {
        self.phases = phases
        self.milestones = milestones
        self.payments = payments
    }

    /// Reads the JSON plan at `path` (`-` for standard input).
    static func file(_ path: String, field: String = "plan") throws -> ProposalPlanInput {
        let data: Data
        do {
            data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PortalError.invalid("Cannot read \(path): \(error.localizedDescription)", field: field)
        }
        return try JSONCoding.decode(ProposalPlanInput.self, from: Array(data), field: field)
    }

    /// The plan written as `--phase`, `--milestone` and `--payment` options.
    static func options(phases: [String], milestones: [String], payments: [String], currency: Currency) throws -> ProposalPlanInput {
        ProposalPlanInput(
            phases: try phases.enumerated().map { try phase($1, index: $0) },
            milestones: try milestones.enumerated().map { try milestone($1, index: $0) },
            payments: try payments.enumerated().map { try payment($1, index: $0, currency: currency) })
    }

    /// `Name` or `Name|description`.
    static func phase(_ text: String, index: Int) throws -> ProposalPhaseInput {
        let parts = split(text)
        guard (1...2).contains(parts.count) else {
            throw PortalError.invalid("A phase is written \"name|description\" (the description is optional).", field: "phases[\(index)]")
        }
        return ProposalPhaseInput(name: parts[0], description: parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil)
    }

    /// `Title|Phase|YYYY-MM-DD`, the phase empty for a milestone outside any phase.
    static func milestone(_ text: String, index: Int) throws -> ProposalMilestoneInput {
        let field = "milestones[\(index)]"
        let parts = split(text)
        guard parts.count == 3 else {
            throw PortalError.invalid("A milestone is written \"title|phase|YYYY-MM-DD\" (the phase may be empty).", field: field)
        }
        return ProposalMilestoneInput(
            title: parts[0], phase: parts[1].isEmpty ? nil : parts[1],
            dueDate: try BillingInput.date(parts[2], field: "\(field).due_date"))
    }

    /// `Description|amount|YYYY-MM-DD` or `Description|amount|YYYY-MM-DD|TAX`, the amount decimal text.
    static func payment(_ text: String, index: Int, currency: Currency) throws -> ProposalPaymentInput {
        let field = "payments[\(index)]"
        let parts = split(text)
        guard (3...4).contains(parts.count) else {
            throw PortalError.invalid(
                "A payment is written \"description|amount|YYYY-MM-DD|tax code\" (the tax code is optional).", field: field)
        }
        return ProposalPaymentInput(
            description: parts[0], amount: try BillingInput.amount(parts[1], currency: currency, field: "\(field).amount"),
            dueDate: try BillingInput.date(parts[2], field: "\(field).due_date"),
            taxCode: parts.count == 4 && !parts[3].isEmpty ? parts[3] : nil)
    }

    private static func split(_ text: String) -> [String] {
        text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

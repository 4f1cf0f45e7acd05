import Foundation
import PortalKernel

/// Finds a plan from what an operator types: its id or its code (`care-monthly`).
enum PlanReference {
    /// The plan `text` names, active or not; `not_found` on `field` when there is none.
    static func resolve(_ text: String, field: String, in plans: Plans, by principal: Principal) async throws -> Plan {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let all = try await plans.list(includeInactive: true, by: principal)
        if let id = PlanID(trimmed), let plan = all.first(where: { $0.id == id }) { return plan }
        if let plan = all.first(where: { $0.code == trimmed }) { return plan }
        throw PortalError.notFound("No plan has the id or code '\(trimmed.prefix(64))'.", field: field)
    }
}

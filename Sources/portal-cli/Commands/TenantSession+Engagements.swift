import Foundation
import PortalAssembly
import PortalKernel

/// The look-ups proposal and deliverable commands share.
extension TenantSession {
    var engagements: EngagementServices { assembled.portal.engagements }

    /// The contact `text` names (id or email), within `company` when given.
    func contact(_ text: String, company: CompanyID? = nil, field: String = "contact") async throws -> Contact {
        try await ContactReference.resolve(
            text, company: company, field: field, in: assembled.portal.identity.contacts, by: principal)
    }

    /// The proposal with the id `text`, with its plan; `not_found` on `field` when there is none.
    func proposal(_ text: String, field: String = "id") async throws -> Proposal {
        let id = try ProposalID(parsing: text.trimmingCharacters(in: .whitespaces), field: field)
        do {
            return try await engagements.proposals.get(id, by: principal)
        } catch var error as PortalError where error.code == .notFound {
            error.field = field
            throw error
        }
    }
}

import Foundation
import Logging
import PortalAssembly
import PortalKernel
import PortalTesting

/// Setting up engagements with the kernel, as staff would, so HTTP tests can reach them.
extension TestInstallation {
    var engagements: EngagementServices { assembled.portal.engagements }

    /// An approved engagement of one company: its proposal (one phase, one milestone, one
    /// scheduled payment due in 2099, so nothing is invoiced yet), the deliverable approval
    /// made, and a shareable link.
    struct CompanyEngagement: Sendable {
        let proposal: Proposal
        let deliverable: Deliverable
        let link: PortalLinkGrant

        var payment: ProposalPayment { proposal.payments[0] }

        var fingerprints: [String] {
            [proposal.id.uuidString, proposal.title, proposal.purpose, payment.id.uuidString, payment.description,
             deliverable.id.uuidString, deliverable.title, link.link.id.uuidString, link.token]
        }
    }

    /// A sent and approved proposal for `contact`'s company, with its deliverable and a link.
    func createEngagement(for contact: Contact, label: String) async throws -> CompanyEngagement {
        let staff = operatorPrincipal(contact.tenantId)
        let due = LocalDate(year: 2099, month: 6, day: 1)
        let draft = try await engagements.proposals.create(
            NewProposal(
                companyId: contact.companyId, contactId: contact.id, title: "\(label) Website Rebuild",
                purpose: "\(label) wants a faster shop.", phases: [ProposalPhaseInput(name: "Build")],
                milestones: [ProposalMilestoneInput(title: "\(label) Launch", phase: "Build", dueDate: due)],
                payments: [ProposalPaymentInput(description: "\(label) Balance", amount: 90_000, dueDate: due)]),
            by: staff)
        _ = try await engagements.proposals.send(draft.id, by: staff)
        let proposal = try await engagements.proposals.approve(draft.id, by: staff)
        let deliverables = try await engagements.deliverables.list(
            DeliverableListOptions(proposalId: proposal.id), page: try PageRequest(), by: staff)
        guard let deliverable = deliverables.items.first else {
            throw PortalError.internal(debugDetail: "approving \(proposal.id) made no deliverable")
        }
        let link = try await engagements.portalLinks.create(for: proposal.id, by: staff)
        return CompanyEngagement(proposal: proposal, deliverable: deliverable, link: link)
    }
}

import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Engagement portal access, links and query count")
struct EngagementPortalAccessTests {
    @Test("Only the company's users and the tenant's staff read a view; others get not_found", arguments: StorageBackend.allCases)
    func onlyTheCompanyAndStaffReadTheView(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Fynbos Films")
            let contact = try await fixture.addContact("Ana", email: "ana@karoo.test", to: company)
            let proposal = try await fixture.draftProposal(for: company, contact: contact)
            _ = try await fixture.engagements.proposals.send(proposal.id, by: fixture.staff)
            let developer = try await fixture.identity.clientPrincipal("dev@karoo.test", role: .developer, of: [company.id])
            let stranger = try await fixture.identity.clientPrincipal("owner@fynbos.test", role: .owner, of: [other.id])
            // A developer of the company sees the work, not the money nor the contact's email.
            let developerView = try await fixture.engagements.portal.view(proposal.id, by: developer)
            #expect(developerView.engagementId == proposal.id && developerView.deliverables.isEmpty)
            #expect(developerView.payments.isEmpty && developerView.status.nextPayment == nil)
            #expect(developerView.client.contactEmail == nil && developerView.client.name == "Ana")
            #expect(try await fixture.engagements.proposals.get(proposal.id, by: developer).payments.isEmpty)
            // An agency admin whose developers serve the company is not one of its users.
            let agencyAdmin = Principal(
                tenantId: fixture.tenant.id,
                actor: .user(id: UserID.generate(at: fixture.clock.now()), kind: .agencyAdmin, email: "lead@agency.test", credential: .flow),
                agencyCompanyIds: [company.id])
            await ContractExpect.error(.notFound) { try await fixture.engagements.portal.view(proposal.id, by: agencyAdmin) }
            await ContractExpect.error(.notFound) { try await fixture.engagements.proposals.get(proposal.id, by: agencyAdmin) }
            await ContractExpect.error(.notFound) { try await fixture.engagements.portal.view(proposal.id, by: stranger) }
            await ContractExpect.error(.notFound) { try await fixture.engagements.proposals.get(proposal.id, by: stranger) }
            await ContractExpect.error(.notFound) { try await fixture.engagements.proposals.approve(proposal.id, by: stranger) }
            #expect(try await fixture.engagements.proposals.list(
                ProposalListOptions(), page: try PageRequest(limit: 10), by: stranger).items.isEmpty)
            await ContractExpect.error(.notFound) {
                try await fixture.engagements.portal.payNow(proposal.payments[0].id, of: proposal.id, by: stranger)
            }

            let elsewhere = try await fixture.identity.createTenant(slug: "elsewhere")
            let otherTenant = fixture.switching(to: elsewhere)
            await ContractExpect.error(.notFound) { try await otherTenant.engagements.portal.view(proposal.id, by: otherTenant.staff) }
            await ContractExpect.error(.notFound) { try await otherTenant.engagements.proposals.send(proposal.id, by: otherTenant.staff) }
            // Deliverables join a proposal only once it is approved.
            await ContractExpect.error(.conflict, field: "proposal_id") {
                try await fixture.engagements.deliverables.create(
                    NewDeliverable(contactId: contact.id, proposalId: proposal.id, title: "Early"), by: fixture.staff)
            }
            let deliverable = try await fixture.engagements.deliverables.create(
                NewDeliverable(contactId: contact.id, title: "Audit"), by: fixture.staff)
            await ContractExpect.error(.notFound) { try await fixture.engagements.deliverables.get(deliverable.id, by: stranger) }
            await ContractExpect.error(.notFound) { try await otherTenant.engagements.deliverables.get(deliverable.id, by: otherTenant.staff) }
            await ContractExpect.error(.notFound) {
                try await otherTenant.engagements.deliverables.update(
                    deliverable.id, DeliverableUpdate(status: .inProgress), by: otherTenant.staff)
            }
        }
    }

    @Test("A shared link reads the view until it expires or is revoked; a tampered token never does", arguments: StorageBackend.allCases)
    func sharedLinks(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let links = fixture.engagements.portalLinks
            let company = try await fixture.createCompany("Karoo Coffee")
            let contact = try await fixture.addContact("Ana", email: "ana@karoo.test", to: company)
            let proposal = try await fixture.draftProposal(for: company, contact: contact)
            let client = try await fixture.identity.clientPrincipal("ana@karoo.test", role: .owner, of: [company.id])
            await ContractExpect.error(.forbidden) { try await links.create(for: proposal.id, by: client) }
            await ContractExpect.error(.invalid, field: "expires_in_days") { try await links.create(for: proposal.id, days: 0, by: fixture.staff) }

            await ContractExpect.error(.conflict, field: "status") { try await links.create(for: proposal.id, by: fixture.staff) }
            _ = try await fixture.engagements.proposals.send(proposal.id, by: fixture.staff)
            let grant = try await links.create(for: proposal.id, days: 7, by: fixture.staff)
            #expect(grant.token.hasPrefix("pl_") && grant.url.hasSuffix("/api/v1/shared/portal/\(grant.token)"))
            #expect(!grant.token.contains(proposal.id.uuidString) && !grant.token.contains(grant.link.id.uuidString))
            #expect(try await links.view(token: grant.token).proposal.title == "Outbound engine")
            // The secret is not stored: no column holds the token.
            #expect(try await fixture.identity.tablesContaining(grant.token).isEmpty)

            var tampered = Array(grant.token)
            let last = tampered.count - 2
            tampered[last] = tampered[last] == "A" ? "B" : "A"
            await ContractExpect.error(.notFound) { try await links.view(token: String(tampered)) }
            await ContractExpect.error(.notFound) { try await links.view(token: "pl_garbage.token") }
            await ContractExpect.error(.notFound) { try await links.view(token: proposal.id.uuidString) }

            let second = try await links.create(for: proposal.id, days: 30, by: fixture.staff)
            let revoked = try await links.revoke(second.link.id, of: proposal.id, by: fixture.staff)
            #expect(revoked.revokedAt == fixture.clock.now() && revoked.revokedBy == fixture.staff.label)
            await ContractExpect.error(.notFound) { try await links.view(token: second.token) }
            #expect(try await links.list(for: proposal.id, by: fixture.staff).count == 2)

            fixture.clock.advance(by: .seconds(8 * 86_400))
            await ContractExpect.error(.notFound) { try await links.view(token: grant.token) }

            let elsewhere = try await fixture.identity.createTenant(slug: "elsewhere")
            await ContractExpect.error(.notFound) {
                try await fixture.switching(to: elsewhere).engagements.portalLinks.create(for: proposal.id, by: fixture.switching(to: elsewhere).staff)
            }
        }
    }

    @Test("The view costs the same number of queries for 3 or 60 deliverables and payments", arguments: StorageBackend.allCases)
    func fixedQueryCount(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let counting = CountingDatabase(fixture.database)
            let context = BillingContext(
                database: counting, clock: fixture.clock, secretBox: fixture.identity.secretBox, jobs: fixture.identity.jobs,
                plugins: PortalPlugins())
            let portal = EngagementPortal(context: context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let contact = try await fixture.addContact("Ana", email: "ana@karoo.test", to: company)

            func statements(milestones: Int, payments: Int) async throws -> Int {
                let proposal = try await fixture.engagements.proposals.create(
                    NewProposal(
                        companyId: company.id, contactId: contact.id, title: "Plan \(milestones)", purpose: "Scale",
                        phases: [ProposalPhaseInput(name: "Only")],
                        milestones: (0..<milestones).map {
                            ProposalMilestoneInput(title: "M\($0)", phase: "Only", dueDate: fixture.today.adding(days: 30 + $0))
                        },
                        payments: (0..<payments).map {
                            ProposalPaymentInput(description: "P\($0)", amount: 1_000, dueDate: fixture.today.adding(days: $0))
                        }),
                    by: fixture.staff)
                _ = try await fixture.engagements.proposals.send(proposal.id, by: fixture.staff)
                _ = try await fixture.engagements.proposals.approve(proposal.id, by: fixture.staff)
                counting.reset()
                let view = try await portal.view(proposal.id, by: fixture.staff)
                #expect(view.deliverables.count == milestones && view.payments.count == payments)
                #expect(view.payments.contains { $0.invoice != nil })
                return counting.statements
            }
            let small = try await statements(milestones: 3, payments: 3)
            let large = try await statements(milestones: 60, payments: 60)
            #expect(small == large)
            #expect(small == 5)
        }
    }
}

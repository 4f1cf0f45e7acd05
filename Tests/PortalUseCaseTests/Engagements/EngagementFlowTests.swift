import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Engagement flow")
struct EngagementFlowTests {
    @Test(
        "Contact → contract signed → proposal approved → deliverables progressing → schedule invoiced → paid, seen through the portal view",
        arguments: StorageBackend.allCases)
    func wholeFlow(_ backend: StorageBackend) async throws {
        try await BillingFixture.withManualGateway(backend) { fixture in
            let engagements = fixture.engagements
            let company = try await fixture.createCompany("BusinessPoint Law")
            let contact = try await fixture.addContact("Joel Gulick", email: "joel@businesspoint.test", to: company)
            let owner = try await fixture.identity.clientPrincipal("joel@businesspoint.test", role: .owner, of: [company.id])
            let viewer = try await fixture.identity.clientPrincipal("intern@businesspoint.test", role: .viewer, of: [company.id])

            // The contract: written, sent, and signed by the owner; a changed text cannot be signed.
            let contract = try await fixture.billing.contracts.create(
                NewContract(companyId: company.id, title: "Engagement agreement", type: .engagement), by: fixture.staff)
            _ = try await engagements.contractDocuments.setBody(
                contract.id, ContractDocumentInput(body: "Engagement agreement\n\nThe parties agree."), by: fixture.staff)
            let sent = try await engagements.contractSigning.send(contract.id, by: fixture.staff)
            await ContractExpect.error(.conflict, field: "document_sha256") {
                try await engagements.contractSigning.sign(
                    contract.id, ContractSignatureInput(fullName: "Joel Gulick", accept: true, documentSha256: String(repeating: "0", count: 64)),
                    by: owner)
            }
            _ = try await engagements.contractSigning.sign(
                contract.id, ContractSignatureInput(fullName: "Joel Gulick", accept: true, documentSha256: sent.documentSha256),
                by: owner)

            // Draft: staff only.
            let draft = try await fixture.draftProposal(for: company, contact: contact)
            #expect(draft.status == .draft && draft.phases.count == 2 && draft.milestones.count == 3 && draft.payments.count == 3)
            #expect(draft.milestones[1].phaseId == draft.phases[1].id)
            await ContractExpect.error(.notFound) { try await engagements.portal.view(draft.id, by: owner) }
            #expect(try await engagements.portal.view(draft.id, by: fixture.staff).status.overall == .awaitingApproval)

            // Sent: the client sees it and approves; a viewer may not.
            _ = try await engagements.proposals.send(draft.id, by: fixture.staff)
            var view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.status.overall == .awaitingApproval)
            #expect(view.client.name == "Joel Gulick" && view.client.company == "BusinessPoint Law")
            #expect(view.client.contactEmail == "joel@businesspoint.test")
            // The company's current contract governs the engagement.
            #expect(view.contract?.id == contract.id && view.contract?.status == .signed)
            #expect(view.contract?.signedDate == fixture.today)
            await ContractExpect.error(.forbidden) { try await engagements.proposals.approve(draft.id, by: viewer) }
            let approved = try await engagements.proposals.approve(draft.id, by: owner)
            #expect(approved.status == .approved && approved.approvedBy == "user:joel@businesspoint.test")
            await ContractExpect.error(.conflict, field: "status") { try await engagements.proposals.approve(draft.id, by: owner) }

            // One deliverable per milestone; the kickoff payment, due today, is invoiced at once.
            view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.deliverables.map(\.title) == ["Personas", "Graph OAuth", "First campaign"])
            #expect(view.deliverables.map(\.category) == ["Foundation", "Integration", "Integration"])
            #expect(view.deliverables.map(\.dueDate) == draft.milestones.map(\.dueDate))
            #expect(view.status.overall == .notStarted && view.status.totalDeliverables == 3 && view.status.progressPercent == 0)
            #expect(view.status.nextMilestone?.title == "Personas")
            #expect(view.payments.map(\.status) == [.invoiced, .pending, .pending])
            let kickoffInvoice = try #require(view.payments[0].invoice)
            #expect(kickoffInvoice.total.minorUnits == 100_000 && kickoffInvoice.number?.hasPrefix("INV-2026-03-") == true)
            #expect(kickoffInvoice.url == "/api/v1/invoices/\(kickoffInvoice.id.uuidString)")
            #expect(view.status.nextPayment?.amount.minorUnits == 100_000 && view.status.nextPayment?.invoiceId == kickoffInvoice.id)
            let deliverables = try await engagements.deliverables.list(
                DeliverableListOptions(proposalId: draft.id), page: try PageRequest(limit: 10), by: owner)
            #expect(deliverables.items.map(\.title) == ["Personas", "Graph OAuth", "First campaign"])
            #expect(deliverables.items.allSatisfy { $0.contactId == contact.id })

            // Work starts: the proposal becomes active. Blocking needs notes.
            let first = view.deliverables[0].id
            _ = try await engagements.deliverables.update(first, DeliverableUpdate(status: .inProgress), by: fixture.staff)
            #expect(try await engagements.proposals.get(draft.id, by: owner).status == .active)
            await ContractExpect.error(.invalid, field: "notes") {
                try await engagements.deliverables.update(first, DeliverableUpdate(status: .blocked), by: fixture.staff)
            }
            let blocked = try await engagements.deliverables.update(
                first, DeliverableUpdate(status: .blocked, notes: "Waiting for interview slots"), by: fixture.staff)
            #expect(blocked.status == .blocked && blocked.completedAt == nil)
            view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.status.overall == .blocked && view.deliverables[0].notes == "Waiting for interview slots")
            _ = try await engagements.deliverables.update(first, DeliverableUpdate(status: .inProgress), by: fixture.staff)
            let done = try await engagements.deliverables.update(first, DeliverableUpdate(status: .completed), by: fixture.staff)
            #expect(done.completedAt == fixture.clock.now())
            await ContractExpect.error(.forbidden) {
                try await engagements.deliverables.update(first, DeliverableUpdate(status: .inProgress), by: owner)
            }
            view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.status.overall == .inProgress && view.status.completedDeliverables == 1 && view.status.progressPercent == 33)
            #expect(view.proposal.milestones.map(\.completed) == [true, false, false])
            #expect(view.status.nextMilestone?.title == "Graph OAuth")

            // Pay now on the invoiced kickoff: the manual gateway's instructions; staff record the transfer.
            let start = try await engagements.portal.payNow(view.payments[0].id, of: draft.id, by: owner)
            #expect(start.gateway == "manual" && start.invoiceId == kickoffInvoice.id && start.amount.minorUnits == 100_000)
            guard case .nextStep(.instructions(let instructions), _) = start.start else {
                Issue.record("expected instructions, got \(start.start)")
                return
            }
            #expect(instructions.reference == kickoffInvoice.number)
            _ = try await fixture.billing.payments.record(
                NewPayment(
                    companyId: company.id, amount: 100_000, reference: kickoffInvoice.number,
                    allocations: [PaymentAllocation(invoiceId: kickoffInvoice.id, amount: 100_000)], idempotencyKey: "kickoff"),
                by: fixture.staff)
            view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.payments.map(\.status) == [.paid, .pending, .pending])
            #expect(view.status.nextPayment?.description == "Midpoint" && view.status.nextPayment?.amount.minorUnits == 200_000)

            // Ten days on, the midpoint payment (due in 20 days) is within terms: the billing run invoices it, once.
            fixture.clock.advance(by: .seconds(10 * 86_400))
            let run = try await fixture.billing.runs.run(by: fixture.staff)
            #expect(run.invoicesCreated == 1)
            #expect(try await fixture.billing.runs.run(by: fixture.staff).invoicesCreated == 0)
            view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.payments.map(\.status) == [.paid, .invoiced, .pending])
            let midpoint = try #require(view.payments[1].invoice)
            #expect(midpoint.dueDate == draft.payments[1].dueDate)

            // Pay now on the completion payment, not yet due, invoices it first; a viewer may not have it invoiced.
            await ContractExpect.error(.forbidden) {
                try await engagements.portal.payNow(view.payments[2].id, of: draft.id, by: viewer)
            }
            let early = try await engagements.portal.payNow(view.payments[2].id, of: draft.id, by: owner)
            view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.payments[2].status == .invoiced && view.payments[2].invoice?.id == early.invoiceId)
            #expect(early.amount.minorUnits == 300_000)

            // Everything delivered: the proposal can be closed, and the view says completed.
            await ContractExpect.error(.conflict, field: "status") {
                try await engagements.proposals.setStatus(draft.id, to: .completed, by: fixture.staff)
            }
            for deliverable in view.deliverables.dropFirst() {
                _ = try await engagements.deliverables.update(deliverable.id, DeliverableUpdate(status: .inProgress), by: fixture.staff)
                _ = try await engagements.deliverables.update(deliverable.id, DeliverableUpdate(status: .completed), by: fixture.staff)
            }
            view = try await engagements.portal.view(draft.id, by: owner)
            #expect(view.status.overall == .completed && view.status.progressPercent == 100 && view.status.nextMilestone == nil)
            let closed = try await engagements.proposals.setStatus(draft.id, to: .completed, by: fixture.staff)
            #expect(closed.status == .completed && closed.completedAt != nil)
            await ContractExpect.error(.conflict, field: "status") {
                try await engagements.deliverables.update(first, DeliverableUpdate(status: .inProgress), by: fixture.staff)
            }

            let events = try await fixture.database.read(.tenant(fixture.tenant.id)) { connection in
                try NotificationEvents.list(tenant: fixture.tenant.id, on: connection).map(\.kind)
            }
            #expect(events.filter { $0 == "deliverable_completed" }.count == 3)
            #expect(events.filter { $0 == "deliverable_blocked" }.count == 1)
            #expect(events.contains("proposal_sent") && events.contains("proposal_approved"))
            let actions = try await fixture.identity.auditActions()
            #expect(actions.contains("proposal.approved") && actions.contains("deliverable.status_changed"))
            #expect(actions.contains("proposal_payment.invoiced"))
            try await fixture.identity.expectAuditChainIntact()
        }
    }

    @Test("Sending checks that each item's tax code has a rate when it can be invoiced", arguments: StorageBackend.allCases)
    func sendingChecksTaxRates(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("GST", percent: "10", validFrom: fixture.today.adding(days: 365))
            let company = try await fixture.createCompany("Karoo Coffee")
            let contact = try await fixture.addContact("Ana", email: "ana@karoo.test", to: company)
            let proposal = try await fixture.engagements.proposals.create(
                NewProposal(
                    companyId: company.id, contactId: contact.id, title: "Later tax", purpose: "Check rates",
                    milestones: [ProposalMilestoneInput(title: "One", dueDate: fixture.today.adding(days: 5))],
                    payments: [ProposalPaymentInput(description: "Now", amount: 1_000, dueDate: fixture.today, taxCode: "GST")]),
                by: fixture.staff)
            await ContractExpect.error(.invalid, field: "payments[0].tax_code") {
                try await fixture.engagements.proposals.send(proposal.id, by: fixture.staff)
            }
            #expect(try await fixture.engagements.proposals.get(proposal.id, by: fixture.staff).status == .draft)
        }
    }

    @Test("A voided schedule invoice puts the item back to pending; the next run invoices it again", arguments: StorageBackend.allCases)
    func voidedInvoiceIsInvoicedAgain(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let contact = try await fixture.addContact("Ana", email: "ana@karoo.test", to: company)
            let proposal = try await fixture.draftProposal(for: company, contact: contact)
            _ = try await fixture.engagements.proposals.send(proposal.id, by: fixture.staff)
            let approved = try await fixture.engagements.proposals.approve(proposal.id, by: fixture.staff)
            let invoice = try #require(approved.payments[0].invoiceId)
            _ = try await fixture.billing.invoices.void(invoice, reason: "Wrong entity", by: fixture.staff)
            let after = try await fixture.engagements.proposals.get(proposal.id, by: fixture.staff)
            #expect(after.payments[0].status == .pending && after.payments[0].invoiceId == nil)
            #expect(try await fixture.billing.runs.run(by: fixture.staff).invoicesCreated == 1)
            let again = try await fixture.engagements.proposals.get(proposal.id, by: fixture.staff)
            #expect(again.payments[0].status == .invoiced && again.payments[0].invoiceId != invoice)
        }
    }
}

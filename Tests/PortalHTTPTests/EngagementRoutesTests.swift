import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

/// Proposals, deliverables, the portal view, "pay now" and shareable links over HTTP: the whole
/// engagement from draft to payment, who may do what, and how refusals are spoken.
@Suite("Engagement routes: proposals, deliverables, the portal and its links")
struct EngagementRoutesTests {
    /// The manual (bank transfer) gateway, so "pay now" has instructions to give.
    static let environment = ["PORTAL_PLUGINS_ENABLED": "manual"]

    /// A tenant with staff, and a company with a contact, an owner (who may sign contracts,
    /// signed in with a session cookie) and a viewer (who may not); plus an owner of another
    /// company of the same tenant.
    struct Agency: Sendable {
        let tenant: Tenant
        let company: Company
        let contact: Contact
        let staff: APIClient
        let owner: APIClient
        let viewer: APIClient
        let stranger: APIClient
        let anonymous: APIClient

        static func make(_ client: any TestClientProtocol, _ installation: TestInstallation) async throws -> Agency {
            let slug = "fynbos"
            let tenant = try await installation.createTenant(slug: slug, name: "Fynbos Studio")
            let staff = try await installation.createUser(in: tenant.id, email: "staff@\(slug).example")
            let company = try await installation.createCompany(in: tenant.id, name: "Karoo Coffee")
            let contact = try await installation.identity.contacts.add(
                ContactInput(name: "Thandi Mokoena", email: "thandi@karoo.example"), to: company.id,
                by: installation.operatorPrincipal(tenant.id))
            let owner = try await installation.createUser(in: tenant.id, email: "owner@karoo.example", kind: .client)
            try await installation.addMember(owner, to: company, role: .owner)
            let viewer = try await installation.createUser(in: tenant.id, email: "viewer@karoo.example", kind: .client)
            try await installation.addMember(viewer, to: company, role: .viewer)
            let other = try await installation.createCompany(in: tenant.id, name: "Other Roasters")
            let stranger = try await installation.createUser(in: tenant.id, email: "owner@other.example", kind: .client)
            try await installation.addMember(stranger, to: other, role: .owner)
            var ownerSession = APIClient(client)
            try await ownerSession.signIn(tenant: slug, email: "owner@karoo.example")
            return Agency(
                tenant: tenant, company: company, contact: contact,
                staff: APIClient(client, bearer: try await installation.tokenSecret(for: staff).secret), owner: ownerSession,
                viewer: APIClient(client, bearer: try await installation.tokenSecret(for: viewer).secret),
                stranger: APIClient(client, bearer: try await installation.tokenSecret(for: stranger).secret),
                anonymous: APIClient(client))
        }

        /// A draft with two phases, two milestones and three scheduled payments: a deposit
        /// already due (invoiced on approval) and two due in 2099.
        func draftProposal() async throws -> Proposal {
            let response = try await staff.post(
                "proposals",
                [
                    "company_id": company.id.uuidString, "contact_id": contact.id.uuidString, "title": "Shop Rebuild",
                    "purpose": "A faster online shop.",
                    "phases": [["name": "Discovery", "description": "Interviews"], ["name": "Build"]],
                    "milestones": [
                        ["title": "Findings", "phase": "Discovery", "due_date": "2099-02-01"],
                        ["title": "Launch", "phase": "Build", "due_date": "2099-06-01"],
                    ],
                    "payments": [
                        ["description": "Deposit", "amount": 50_000, "due_date": "2020-01-01"],
                        ["description": "Milestone", "amount": 100_000, "due_date": "2099-02-01"],
                        ["description": "Balance", "amount": 150_000, "due_date": "2099-06-01"],
                    ],
                ])
            try #require(response.status == .created, "\(response.text)")
            return try response.decode(Proposal.self)
        }
    }

    @Test("staff write and send a proposal, the client approves it, work moves, the portal shows it, and the client pays")
    func proposalToPayment() async throws {
        try await withAPI(environment: Self.environment) { client, installation in
            let agency = try await Agency.make(client, installation)
            let method = try await agency.staff.post(
                "payment-methods",
                [
                    "country": "*", "display_name": "Bank transfer (EFT)",
                    "details": [["label": "Bank", "value": "First Karoo Bank"]],
                ])
            #expect(method.status == .ok, "\(method.text)")

            let draft = try await agency.draftProposal()
            #expect(draft.status == .draft)
            #expect(draft.phases.map(\.name) == ["Discovery", "Build"])
            #expect(draft.milestones.map(\.phaseId) == draft.phases.map(\.id))
            #expect(draft.payments.map(\.amount.minorUnits) == [50_000, 100_000, 150_000])
            #expect(draft.payments.allSatisfy { $0.status == .pending })
            #expect(try await agency.owner.get("proposals/\(draft.id)").status == .notFound, "drafts are staff's")
            #expect(try await agency.owner.get("proposals").decode(ListPage<Proposal>.self).items.isEmpty)

            let renamed = try await agency.staff.patch("proposals/\(draft.id)", ["title": "Shop Rebuild 2026"])
            #expect(try renamed.decode(Proposal.self).title == "Shop Rebuild 2026", "\(renamed.text)")
            let sent = try await agency.staff.post("proposals/\(draft.id)/send")
            #expect(try sent.decode(Proposal.self).status == .sent, "\(sent.text)")
            let frozen = try await agency.staff.patch("proposals/\(draft.id)", ["title": "Too late"])
            #expect(frozen.status == .conflict, "\(frozen.text)")
            let listed = try await agency.owner.get("proposals?status=sent").decode(ListPage<Proposal>.self)
            #expect(listed.items.map(\.id) == [draft.id])

            let refused = try await agency.viewer.post("proposals/\(draft.id)/approve")
            #expect(refused.status == .forbidden, "a viewer may not sign: \(refused.text)")
            #expect(try refused.error().code == "forbidden")
            let approvedResponse = try await agency.owner.post("proposals/\(draft.id)/approve")
            #expect(approvedResponse.status == .ok, "\(approvedResponse.text)")
            let approved = try approvedResponse.decode(Proposal.self)
            #expect(approved.status == .approved)
            #expect(approved.payments.map(\.status) == [.invoiced, .pending, .pending], "the deposit was due")
            let depositInvoice = try #require(approved.payments[0].invoiceId)

            let early = try await agency.staff.post("proposals/\(draft.id)/payments/\(approved.payments[1].id)/invoice")
            #expect(early.status == .created, "\(early.text)")
            let milestoneInvoice = try early.decode(Invoice.self)
            #expect(milestoneInvoice.status == .open)
            #expect(milestoneInvoice.total.minorUnits == 100_000)
            let again = try await agency.staff.post("proposals/\(draft.id)/payments/\(approved.payments[1].id)/invoice")
            #expect(again.status == .conflict, "\(again.text)")

            let deliverables = try await agency.owner.get("deliverables?proposal_id=\(draft.id)")
                .decode(ListPage<Deliverable>.self)
            // Approval makes them in one instant, so the list's order between them is not fixed.
            #expect(deliverables.items.count == 2)
            #expect(deliverables.items.allSatisfy { $0.status == .pending && $0.contactId == agency.contact.id })
            let findings = try #require(deliverables.items.first { $0.title == "Findings" })
            let launch = try #require(deliverables.items.first { $0.title == "Launch" })
            #expect(findings.category == "Discovery")
            #expect(launch.category == "Build")
            #expect(findings.milestoneId == approved.milestones[0].id)
            #expect(findings.dueDate == approved.milestones[0].dueDate)

            let unexplained = try await agency.staff.patch("deliverables/\(findings.id)", ["status": "blocked"])
            #expect(unexplained.status == .unprocessableContent, "\(unexplained.text)")
            #expect(try unexplained.error().field == "notes")
            let skipped = try await agency.staff.patch("deliverables/\(findings.id)", ["status": "completed"])
            #expect(skipped.status == .conflict, "pending cannot jump to completed: \(skipped.text)")
            #expect(try skipped.error().field == "status")
            #expect(try await agency.owner.patch("deliverables/\(findings.id)", ["status": "in_progress"]).status == .forbidden)
            let started = try await agency.staff.patch("deliverables/\(findings.id)", ["status": "in_progress"])
            #expect(try started.decode(Deliverable.self).status == .inProgress, "\(started.text)")
            #expect(try await agency.owner.get("proposals/\(draft.id)").decode(Proposal.self).status == .active)
            let done = try await agency.staff.patch("deliverables/\(findings.id)", ["status": "completed"])
                .decode(Deliverable.self)
            #expect(done.status == .completed)
            #expect(done.completedAt != nil)
            let blocked = try await agency.staff.patch(
                "deliverables/\(launch.id)", ["status": "blocked", "notes": "Waiting for photos"])
            #expect(try blocked.decode(Deliverable.self).status == .blocked, "\(blocked.text)")
            let open = try await agency.staff.post("proposals/\(draft.id)/status", ["status": "completed"])
            #expect(open.status == .conflict, "a deliverable is not completed: \(open.text)")

            let portal = try await agency.owner.get("engagements/\(draft.id)/portal")
            #expect(portal.status == .ok, "\(portal.text)")
            let view = try portal.decode(EngagementPortalView.self)
            #expect(view.engagementId == draft.id)
            #expect(view.client.name == "Thandi Mokoena")
            #expect(view.client.company == "Karoo Coffee")
            #expect(view.status.overall == .blocked)
            #expect(view.status.completedDeliverables == 1)
            #expect(view.status.totalDeliverables == 2)
            #expect(view.status.progressPercent == 50)
            #expect(view.status.nextMilestone?.title == "Launch")
            #expect(view.status.nextPayment?.invoiceId == depositInvoice)
            #expect(view.deliverables.first { $0.id == launch.id }?.notes == "Waiting for photos")
            #expect(view.proposal.milestones.map(\.completed) == [true, false])
            #expect(view.payments.map(\.status) == [.invoiced, .invoiced, .pending])
            let link = try #require(view.payments[0].invoice)
            #expect(link.id == depositInvoice)
            #expect(link.url == "/api/v1/invoices/\(depositInvoice.uuidString)")
            #expect(link.pdfUrl == "/api/v1/invoices/\(depositInvoice.uuidString)/pdf")
            #expect(link.amountDue.minorUnits == 50_000)
            let object = try portal.object()
            #expect(object["as_of"] is String)
            #expect((object["status"] as? [String: Any])?["progress_percent"] as? Int == 50)

            let paying = try await agency.owner.post(
                "engagements/\(draft.id)/payments/\(approved.payments[0].id)/pay", ["gateway": "manual"])
            #expect(paying.status == .ok, "\(paying.text)")
            let started0 = try paying.object()
            #expect(started0["invoice_id"] as? String == depositInvoice.uuidString)
            #expect(started0["invoice_number"] as? String != nil)
            #expect((started0["amount"] as? [String: Any])?["amount"] as? Int == 50_000)
            #expect(started0["outcome"] as? String == "next_step")
            #expect(started0["gateway"] as? String == "manual")
            #expect((started0["next_step"] as? [String: Any])?["type"] as? String == "instructions")
            #expect(paying.text.contains("First Karoo Bank"))

            let balance = approved.payments[2]
            let invoicing = try await agency.owner.send(.post, "engagements/\(draft.id)/payments/\(balance.id)/pay")
            #expect(
                invoicing.status == .ok,
                "without a body, the company's method; a pending item is invoiced first: \(invoicing.text)")
            let balanceStart = try invoicing.decode(Started.self)
            #expect(balanceStart.amount.minorUnits == 150_000)
            let after = try await agency.owner.get("proposals/\(draft.id)").decode(Proposal.self)
            #expect(after.payments[2].status == .invoiced)
            #expect(after.payments[2].invoiceId == balanceStart.invoiceId)

            let byInvoice = try await agency.owner.post("invoices/\(milestoneInvoice.id)/pay")
            #expect(byInvoice.status == .ok, "\(byInvoice.text)")
            #expect(try byInvoice.decode(Started.self).invoiceId == milestoneInvoice.id)
            let instructions = try await agency.owner.get("invoices/\(milestoneInvoice.id)/payment-instructions")
            #expect(instructions.status == .ok, "the older route still answers: \(instructions.text)")
            let unknownGateway = try await agency.owner.post("invoices/\(milestoneInvoice.id)/pay", ["gateway": "stripe"])
            #expect(unknownGateway.status == .notFound, "\(unknownGateway.text)")
            #expect(try unknownGateway.error().field == "gateway")
        }
    }

    @Test("a shared link reads the view without a session; revoked, tampered and made-up tokens get one and the same 404")
    func sharedLinks() async throws {
        try await withAPI { client, installation in
            let agency = try await Agency.make(client, installation)
            let engagement = try await installation.createEngagement(for: agency.contact, label: "Karoo")
            let id = engagement.proposal.id

            let created = try await agency.staff.post("engagements/\(id)/links", ["expires_in_days": 7])
            #expect(created.status == .created, "\(created.text)")
            let grant = try created.decode(PortalLinkGrant.self)
            #expect(grant.token.hasPrefix("pl_"))
            #expect(grant.url.hasSuffix("/api/v1/shared/portal/\(grant.token)"))
            #expect(grant.link.proposalId == id)
            let defaulted = try await agency.staff.send(.post, "engagements/\(id)/links")
            #expect(defaulted.status == .created, "the body is optional: \(defaulted.text)")
            let tooLong = try await agency.staff.post("engagements/\(id)/links", ["expires_in_days": 366])
            #expect(tooLong.status == .unprocessableContent)
            #expect(try tooLong.error().field == "expires_in_days")
            #expect(try await agency.owner.post("engagements/\(id)/links").status == .forbidden)
            #expect(try await agency.owner.get("engagements/\(id)/links").status == .forbidden)

            let shared = try await agency.anonymous.get("shared/portal/\(grant.token)")
            #expect(shared.status == .ok, "\(shared.text)")
            #expect(try shared.decode(EngagementPortalView.self).engagementId == id)
            Self.expectPrivate(shared)

            let listed = try await agency.staff.get("engagements/\(id)/links").decode(Items<PortalLink>.self)
            #expect(listed.items.count == 3)
            #expect(listed.items.allSatisfy { $0.revokedAt == nil })
            let revoked = try await agency.staff.post("engagements/\(id)/links/\(grant.link.id)/revoke")
            #expect(revoked.status == .ok, "\(revoked.text)")
            #expect(try revoked.decode(PortalLink.self).revokedAt != nil)
            let again = try await agency.staff.post("engagements/\(id)/links/\(grant.link.id)/revoke")
            #expect(again.status == .ok, "revoking again changes nothing")

            // One character of the signature changed (its first, which carries six whole bits).
            let dot = try #require(grant.token.firstIndex(of: "."))
            let first = grant.token.index(after: dot)
            var tampered = grant.token
            tampered.replaceSubrange(first...first, with: grant.token[first] == "A" ? "B" : "A")
            let refusals = [
                try await agency.anonymous.get("shared/portal/\(grant.token)"),
                try await agency.anonymous.get("shared/portal/\(tampered)"),
                try await agency.anonymous.get("shared/portal/\(engagement.link.token.dropLast(4))"),
                try await agency.anonymous.get("shared/portal/pl_nothing.here"),
                try await agency.anonymous.get("shared/portal/\(id)"),
            ]
            for refusal in refusals {
                #expect(refusal.status == .notFound, "\(refusal.text)")
                #expect(try refusal.error().code == "not_found")
                #expect(refusal.text == refusals[0].text, "every refusal reads the same")
                Self.expectPrivate(refusal)
            }
            #expect(!refusals[0].text.contains(id.uuidString))
            let stillShared = try await agency.anonymous.get("shared/portal/\(engagement.link.token)")
            #expect(stillShared.status == .ok, "other links still work: \(stillShared.text)")
        }
    }

    @Test("a client of another company gets 404 for the engagement everywhere and lists nothing of it")
    func otherCompanyIsHidden() async throws {
        try await withAPI { client, installation in
            let agency = try await Agency.make(client, installation)
            let engagement = try await installation.createEngagement(for: agency.contact, label: "Karoo")
            let id = engagement.proposal.id
            for path in ["engagements/\(id)/portal", "proposals/\(id)", "deliverables/\(engagement.deliverable.id)"] {
                let response = try await agency.stranger.get(path)
                #expect(response.status == .notFound, "\(path): \(response.text)")
                #expect(!response.text.contains(engagement.proposal.title))
            }
            for path in ["proposals/\(id)/approve", "engagements/\(id)/payments/\(engagement.payment.id)/pay"] {
                let response = try await agency.stranger.post(path)
                #expect(response.status == .notFound, "\(path): \(response.text)")
            }
            #expect(try await agency.stranger.get("proposals").decode(ListPage<Proposal>.self).items.isEmpty)
            let filtered = try await agency.stranger.get("deliverables?company_id=\(agency.company.id)")
            #expect(try filtered.decode(ListPage<Deliverable>.self).items.isEmpty)
            #expect(try await agency.viewer.get("engagements/\(id)/portal").status == .ok, "the company's own viewer reads it")
        }
    }

    @Test("invalid input is 422 with the field at fault, and a bad step is 409")
    func validation() async throws {
        try await withAPI { client, installation in
            let agency = try await Agency.make(client, installation)
            let draft = try await agency.draftProposal()
            let company = agency.company.id.uuidString
            let contact = agency.contact.id.uuidString
            let cases: [(HTTPRequest.Method, String, Any?, String)] = [
                (.post, "proposals", ["company_id": company, "contact_id": contact, "purpose": "Why"], "title"),
                (.post, "proposals", ["contact_id": contact, "title": "T", "purpose": "Why"], "company_id"),
                (.post, "proposals",
                 ["company_id": company, "contact_id": contact, "title": "T", "purpose": "Why",
                  "milestones": [["title": "M", "phase": "Nowhere", "due_date": "2099-01-01"]]], "milestones[0].phase"),
                (.post, "proposals",
                 ["company_id": company, "contact_id": contact, "title": "T", "purpose": "Why",
                  "payments": [["description": "P", "amount": 0, "due_date": "2099-01-01"]]], "payments[0].amount"),
                (.post, "proposals/\(draft.id)/status", [String: Any](), "status"),
                (.get, "proposals?status=someday", nil, "status"),
                (.get, "deliverables?status=someday", nil, "status"),
                (.get, "deliverables?proposal_id=nope", nil, "proposal_id"),
                (.post, "deliverables", ["contact_id": contact, "title": "Logo", "status": "blocked"], "notes"),
                (.post, "deliverables", ["contact_id": contact], "title"),
            ]
            for (method, path, body, field) in cases {
                let response = try await agency.staff.send(method, path, body: body.map(APIClient.text))
                #expect(response.status == .unprocessableContent, "\(method) \(path): \(response.status.code) \(response.text)")
                #expect(try response.error().field == field, "\(method) \(path): \(response.text)")
            }
            let notYet = try await agency.staff.post("proposals/\(draft.id)/status", ["status": "active"])
            #expect(notYet.status == .conflict, "a draft cannot become active: \(notYet.text)")
            let created = try await agency.staff.post(
                "deliverables", ["contact_id": contact, "title": "Logo", "category": "Brand"])
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.decode(Deliverable.self).status == .pending)
            #expect(try await agency.owner.post("deliverables", ["contact_id": contact, "title": "Mine"]).status == .forbidden)
        }
    }

    /// The headers that keep a shared view (and its refusals) out of caches and referrers.
    static func expectPrivate(_ response: APIResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.headers[.cacheControl] == "no-store", sourceLocation: sourceLocation)
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", sourceLocation: sourceLocation)
    }
}

extension EngagementRoutesTests {
    /// The start of a "pay now" answer: which invoice, and how much is due on it.
    struct Started: Decodable {
        let invoiceId: InvoiceID
        let amount: Money
    }

    /// A list that is never paged, as the API returns it: `{"items": […]}`.
    struct Items<Item: Decodable>: Decodable {
        let items: [Item]
    }
}

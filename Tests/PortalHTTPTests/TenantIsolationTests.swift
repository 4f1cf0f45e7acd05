import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

/// Walks every route that takes an id with ids the caller must not reach, and expects the
/// same `404` a missing record gets: never data, never `403`, never `500`.
@Suite("Tenant and company isolation over every route with an id")
struct TenantIsolationTests {
    /// A company with one of everything that hangs off it.
    struct CompanyWorld: Sendable {
        let company: Company
        let contact: Contact
        let member: User
        let membership: CompanyMembership
        let invitation: Invitation
        let billing: TestInstallation.CompanyBilling
        let engagement: TestInstallation.CompanyEngagement

        /// Text that belongs to this company alone.
        var fingerprints: [String] {
            [company.name, company.id.uuidString, company.accountNumber, contact.name, contact.id.uuidString, member.email,
             member.id.uuidString, membership.id.uuidString, invitation.email, invitation.id.uuidString]
                + billing.fingerprints + engagement.fingerprints
        }
    }

    /// A tenant with a staff member (and their API token) and two companies.
    struct TenantWorld: Sendable {
        let tenant: Tenant
        let staff: User
        let token: IssuedAPIToken
        let companies: [CompanyWorld]
        let catalog: TestInstallation.BillingCatalog

        var fingerprints: [String] {
            [tenant.name, tenant.id.uuidString, staff.email, staff.id.uuidString, token.token.id.uuidString]
                + companies.flatMap(\.fingerprints) + catalog.fingerprints
        }

        static func make(_ installation: TestInstallation, slug: String, name: String) async throws -> TenantWorld {
            let tenant = try await installation.createTenant(slug: slug, name: name)
            let staff = try await installation.createUser(in: tenant.id, email: "staff@\(slug).example", name: "\(name) Staff")
            let token = try await installation.tokenSecret(for: staff)
            let operatorPrincipal = installation.operatorPrincipal(tenant.id)
            let catalog = try await installation.createCatalog(in: tenant.id, name: name)
            var companies: [CompanyWorld] = []
            for index in 1...2 {
                let company = try await installation.createCompany(in: tenant.id, name: "\(name) Company \(index)")
                let contact = try await installation.identity.contacts.add(
                    ContactInput(name: "\(name) Contact \(index)", email: "contact\(index)@\(slug).example"), to: company.id,
                    by: operatorPrincipal)
                let member = try await installation.createUser(
                    in: tenant.id, email: "member\(index)@\(slug).example", name: "\(name) Member \(index)", kind: .client)
                let membership = try await installation.addMember(member, to: company, role: .viewer)
                let invitation = try await Invitations(context: installation.identity.context).create(
                    NewInvitation(email: "invitee\(index)@\(slug).example", role: "viewer"), company: company.id, by: operatorPrincipal)
                let billing = try await installation.createBilling(for: company, catalog: catalog, label: "\(name) \(index)")
                let engagement = try await installation.createEngagement(for: contact, label: "\(name) \(index)")
                companies.append(
                    CompanyWorld(
                        company: company, contact: contact, member: member, membership: membership, invitation: invitation.invitation,
                        billing: billing, engagement: engagement))
            }
            return TenantWorld(tenant: tenant, staff: staff, token: token, companies: companies, catalog: catalog)
        }
    }

    /// The id a route's `{id}` takes, chosen by the collection it names; `nil` for a kind the
    /// walk does not know (which fails the test, so new routes join the walk).
    static func id(for route: APIRouteDescriptor, tenant: TenantWorld, company: CompanyWorld) -> String? {
        let parts = route.path.split(separator: "/").map(String.init)
        guard let slot = parts.firstIndex(of: "{id}"), slot > 0 else { return nil }
        switch parts[slot - 1] {
        case "companies": return company.company.id.uuidString
        case "contacts": return company.contact.id.uuidString
        case "memberships": return company.membership.id.uuidString
        case "invitations": return company.invitation.id.uuidString
        case "users": return company.member.id.uuidString
        case "tokens": return tenant.token.token.id.uuidString
        case "invoices": return company.billing.invoice.id.uuidString
        case "credit-notes": return company.billing.creditNote.id.uuidString
        case "payments": return company.billing.payment.id.uuidString
        case "subscriptions": return company.billing.subscription.id.uuidString
        case "contracts": return company.billing.contract.id.uuidString
        case "plans": return tenant.catalog.plan.id.uuidString
        case "credit-packages": return tenant.catalog.package.id.uuidString
        case "proposals", "engagements": return company.engagement.proposal.id.uuidString
        case "deliverables": return company.engagement.deliverable.id.uuidString
        default: return nil
        }
    }

    /// The path with every placeholder filled: `{id}` with `id`, `{item_id}` with the company's
    /// contract line item, `{payment_id}` and `{link_id}` with its engagement's scheduled payment
    /// and shareable link.
    static func path(of route: APIRouteDescriptor, id: String, company: CompanyWorld) -> String {
        String(route.path.dropFirst("/api/v1/".count)).replacingOccurrences(of: "{id}", with: id)
            .replacingOccurrences(of: "{item_id}", with: company.billing.lineItem.id.uuidString)
            .replacingOccurrences(of: "{payment_id}", with: company.engagement.payment.id.uuidString)
            .replacingOccurrences(of: "{link_id}", with: company.engagement.link.link.id.uuidString)
    }

    /// Whether `{id}` names a company or something that belongs to one.
    static func isCompanyScoped(_ route: APIRouteDescriptor) -> Bool {
        [
            "/api/v1/companies/", "/api/v1/contacts/", "/api/v1/memberships/", "/api/v1/invitations/", "/api/v1/invoices/",
            "/api/v1/credit-notes/", "/api/v1/payments/", "/api/v1/subscriptions/", "/api/v1/contracts/",
            "/api/v1/proposals/", "/api/v1/deliverables/", "/api/v1/engagements/",
        ].contains { route.path.hasPrefix($0) }
    }

    /// Company-scoped routes only staff may call: the kernel refuses a client (`403`) before
    /// it looks at the id, so they answer the same for every id and reveal nothing.
    static let staffOnly: Set<String> = [
        "PATCH /api/v1/invoices/{id}", "DELETE /api/v1/invoices/{id}", "POST /api/v1/invoices/{id}/finalize",
        "POST /api/v1/invoices/{id}/void", "POST /api/v1/invoices/{id}/uncollectible",
        "POST /api/v1/payments/{id}/approve", "POST /api/v1/payments/{id}/reject", "POST /api/v1/payments/{id}/refunds",
        "POST /api/v1/subscriptions/{id}/pause", "POST /api/v1/subscriptions/{id}/reactivate",
        "POST /api/v1/companies/{id}/credits/adjustments",
        "PATCH /api/v1/contracts/{id}", "POST /api/v1/contracts/{id}/status", "POST /api/v1/contracts/{id}/line-items",
        "PATCH /api/v1/contracts/{id}/line-items/{item_id}", "DELETE /api/v1/contracts/{id}/line-items/{item_id}",
        "PUT /api/v1/contracts/{id}/billing", "GET /api/v1/contracts/{id}/billing-preview",
        "POST /api/v1/contracts/{id}/billing/enable", "POST /api/v1/contracts/{id}/billing/disable",
        "PATCH /api/v1/proposals/{id}", "POST /api/v1/proposals/{id}/send", "POST /api/v1/proposals/{id}/status",
        "POST /api/v1/proposals/{id}/payments/{payment_id}/invoice", "PATCH /api/v1/deliverables/{id}",
        "GET /api/v1/engagements/{id}/links", "POST /api/v1/engagements/{id}/links",
        "POST /api/v1/engagements/{id}/links/{link_id}/revoke",
        "PUT /api/v1/contracts/{id}/document", "GET /api/v1/contracts/{id}/document/versions", "POST /api/v1/contracts/{id}/send",
        "POST /api/v1/contracts/{id}/countersignature", "POST /api/v1/contracts/{id}/copy",
    ]

    /// A body the route would accept for a record the caller may reach. `user` is a client
    /// user of the caller's own tenant and `company` one of its companies.
    static func body(for route: APIRouteDescriptor, user: User, company: Company) -> String? {
        switch "\(route.method) \(route.path)" {
        case "PATCH /api/v1/companies/{id}": #"{"name":"Walked Over"}"#
        case "POST /api/v1/companies/{id}/contacts": #"{"name":"Walker","email":"walker@walk.example"}"#
        case "POST /api/v1/companies/{id}/members": #"{"user_id":"\#(user.id)","role":"viewer"}"#
        case "POST /api/v1/companies/{id}/invitations": #"{"email":"walker@walk.example","role":"viewer"}"#
        case "PATCH /api/v1/contacts/{id}": #"{"name":"Walked Over"}"#
        case "PATCH /api/v1/memberships/{id}": #"{"role":"admin"}"#
        case "PATCH /api/v1/users/{id}": #"{"name":"Walked Over"}"#
        case "POST /api/v1/invitations/{id}/resend", "POST /api/v1/invitations/{id}/revoke": "{}"
        case "POST /api/v1/users/{id}/two-factor/reset": "{}"
        case "PATCH /api/v1/invoices/{id}": #"{"memo":"Walked over"}"#
        case "POST /api/v1/invoices/{id}/lines": #"{"description":"Walk","unit_amount":100}"#
        case "POST /api/v1/invoices/{id}/void", "POST /api/v1/invoices/{id}/uncollectible", "POST /api/v1/payments/{id}/reject",
            "POST /api/v1/payments/{id}/refunds":
            #"{"reason":"Walked over"}"#
        case "POST /api/v1/invoices/{id}/finalize", "POST /api/v1/invoices/{id}/apply-credit", "POST /api/v1/payments/{id}/approve",
            "POST /api/v1/subscriptions/{id}/cancel", "POST /api/v1/subscriptions/{id}/pause",
            "POST /api/v1/subscriptions/{id}/reactivate", "POST /api/v1/contracts/{id}/billing/enable",
            "POST /api/v1/contracts/{id}/billing/disable":
            "{}"
        case "POST /api/v1/subscriptions/{id}/change-plan": #"{"plan_id":"\#(UUID().uuidString.lowercased())"}"#
        case "PATCH /api/v1/plans/{id}", "PATCH /api/v1/credit-packages/{id}": #"{"name":"Walked Over"}"#
        case "POST /api/v1/credit-packages/{id}/purchase": #"{"company_id":"\#(company.id)"}"#
        case "POST /api/v1/companies/{id}/credits/usage": #"{"credits":1,"description":"Walk","idempotency_key":"walk-1"}"#
        case "POST /api/v1/companies/{id}/credits/adjustments": #"{"credits":1,"reason":"Walk"}"#
        case "PATCH /api/v1/contracts/{id}": #"{"title":"Walked Over"}"#
        case "POST /api/v1/contracts/{id}/status": #"{"status":"sent"}"#
        case "POST /api/v1/contracts/{id}/line-items", "PATCH /api/v1/contracts/{id}/line-items/{item_id}":
            #"{"description":"Walk","amount":100,"billing_period_months":1,"start_date":"2026-01-01"}"#
        case "PUT /api/v1/contracts/{id}/billing": #"{"frequency":"monthly"}"#
        case "PUT /api/v1/contracts/{id}/document": #"{"body":"Walked over"}"#
        case "POST /api/v1/contracts/{id}/send", "POST /api/v1/contracts/{id}/copy": "{}"
        case "POST /api/v1/contracts/{id}/signatures":
            #"{"full_name":"Walker","accept":true,"document_sha256":"\#(String(repeating: "0", count: 64))"}"#
        case "POST /api/v1/contracts/{id}/countersignature": #"{"full_name":"Walker"}"#
        case "PATCH /api/v1/proposals/{id}", "PATCH /api/v1/deliverables/{id}": #"{"title":"Walked Over"}"#
        case "POST /api/v1/proposals/{id}/status": #"{"status":"active"}"#
        case "POST /api/v1/proposals/{id}/send", "POST /api/v1/proposals/{id}/approve",
            "POST /api/v1/proposals/{id}/payments/{payment_id}/invoice", "POST /api/v1/engagements/{id}/payments/{payment_id}/pay",
            "POST /api/v1/invoices/{id}/pay", "POST /api/v1/engagements/{id}/links/{link_id}/revoke":
            "{}"
        case "POST /api/v1/engagements/{id}/links": #"{"expires_in_days":1}"#
        default: route.method == "GET" || route.method == "DELETE" ? nil : "missing"
        }
    }

    /// Calls `route` with `id` (and the other placeholders from `target`), expecting `404` (or
    /// `expected`) and none of `hidden` in the answer.
    static func expectHidden(
        _ route: APIRouteDescriptor, id: String, in target: CompanyWorld, as api: APIClient, ownUser: User, ownCompany: Company,
        hidden: [String], expected: HTTPResponse.Status = .notFound
    ) async throws {
        let body = Self.body(for: route, user: ownUser, company: ownCompany)
        guard body != "missing" else {
            Issue.record("\(route) needs a body in TenantIsolationTests.body(for:user:company:)")
            return
        }
        let path = Self.path(of: route, id: id, company: target)
        let method = try #require(HTTPRequest.Method(route.method))
        let response = try await api.send(method, path, body: body)
        #expect(response.status == expected, "\(route): \(response.status.code) \(response.text)")
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(route)")
        let error = try response.error()
        #expect(error.code == (expected == .notFound ? "not_found" : "forbidden"), "\(route)")
        for text in hidden where response.text.contains(text) {
            Issue.record("\(route) leaked \(text): \(response.text)")
        }
    }

    @Test("staff of tenant A get 404 for every id of tenant B, and B is untouched", arguments: [false, true])
    func tenantWalk(postgres: Bool) async throws {
        try await withAPI(postgres: postgres) { client, installation in
            let a = try await TenantWorld.make(installation, slug: "alpha", name: "Alpha")
            let b = try await TenantWorld.make(installation, slug: "bravo", name: "Bravo")
            let asA = APIClient(client, bearer: a.token.secret)
            let asB = APIClient(client, bearer: b.token.secret)
            // Public routes take no id of a record the caller reaches: a shared portal link's token
            // is its own credential (EngagementRoutesTests checks that a bad one is 404).
            let routes = PortalHTTPServer.apiRouteList().filter { !$0.pathParameters.isEmpty && $0.requiresPrincipal }
            #expect(routes.count >= 15)
            let auditBefore = try await Self.auditEvents(of: b.tenant, installation)

            for route in routes {
                let id = try #require(Self.id(for: route, tenant: b, company: b.companies[0]), "no id kind for \(route)")
                try await Self.expectHidden(
                    route, id: id, in: b.companies[0], as: asA, ownUser: a.companies[0].member, ownCompany: a.companies[0].company,
                    hidden: b.fingerprints)
            }

            #expect(try await Self.auditEvents(of: b.tenant, installation) == auditBefore, "nothing was recorded in B")
            let target = b.companies[0]
            #expect(try await asB.get("companies/\(target.company.id)").decode(Company.self) == target.company)
            #expect(try await asB.get("contacts/\(target.contact.id)").decode(Contact.self) == target.contact)
            #expect(try await asB.get("users/\(target.member.id)").decode(User.self).name == target.member.name)
            #expect(try await asB.get("invitations/\(target.invitation.id)").decode(Invitation.self).status == .pending)
            let members = try await asB.get("companies/\(target.company.id)/members").object()["items"] as? [[String: Any]]
            #expect(members?.count == 1)
            #expect(try await asB.get("tokens").decode(ListPage<APIToken>.self).items.allSatisfy { $0.revokedAt == nil })
            // And A's own ids still work for A: the walk was refused for the right reason.
            #expect(try await asA.get("companies/\(a.companies[0].company.id)").status == .ok)
        }
    }

    @Test("a viewer of company X gets 404 for everything of company Y and 403 changing X", arguments: [false, true])
    func companyWalk(postgres: Bool) async throws {
        try await withAPI(postgres: postgres) { client, installation in
            let world = try await TenantWorld.make(installation, slug: "alpha", name: "Alpha")
            let x = world.companies[0]
            let y = world.companies[1]
            let viewer = try await installation.createUser(in: world.tenant.id, email: "viewer@alpha.example", kind: .client)
            try await installation.addMember(viewer, to: x.company, role: .viewer)
            let asViewer = APIClient(client, bearer: try await installation.tokenSecret(for: viewer).secret)

            let routes = PortalHTTPServer.apiRouteList().filter { !$0.pathParameters.isEmpty && Self.isCompanyScoped($0) }
            #expect(routes.count >= 12)
            for route in routes {
                let id = try #require(Self.id(for: route, tenant: world, company: y), "no id kind for \(route)")
                let staffOnly = Self.staffOnly.contains("\(route.method) \(route.path)")
                try await Self.expectHidden(
                    route, id: id, in: y, as: asViewer, ownUser: viewer, ownCompany: x.company, hidden: y.fingerprints,
                    expected: staffOnly ? .forbidden : .notFound)
            }

            #expect(try await asViewer.get("companies/\(x.company.id)").status == .ok)
            let companies = try await asViewer.get("companies").decode(ListPage<Company>.self)
            #expect(companies.items.map(\.id) == [x.company.id])
            let change = try await asViewer.patch("companies/\(x.company.id)", ["name": "Viewer Was Here"])
            #expect(change.status == .forbidden)
            #expect(try change.error().code == "forbidden")
            let unchanged = try await installation.identity.companies.get(x.company.id, by: installation.operatorPrincipal(world.tenant.id))
            #expect(unchanged.name == x.company.name)
        }
    }

    static func auditEvents(of tenant: Tenant, _ installation: TestInstallation) async throws -> Int {
        try await installation.assembled.portal.database.read(.allTenants) { connection in
            try connection.queryScalar("SELECT COUNT(*) FROM audit_events WHERE tenant_id = \(tenant.id)", as: Int.self) ?? 0
        }
    }
}

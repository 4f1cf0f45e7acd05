import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

@Suite("The list of API routes")
struct APIRouteListTests {
    @Test("it names each operation once, in OpenAPI form, under /api/v1")
    func shape() {
        let routes = PortalHTTPServer.apiRouteList()
        #expect(Set(routes).count == routes.count)
        #expect(routes.allSatisfy { $0.path.hasPrefix("/api/v1") && !$0.path.contains(":") })
        let names = Set(routes.map(\.description))
        for expected in [
            "GET /api/v1", "GET /api/v1/openapi.json", "POST /api/v1/auth/login", "GET /api/v1/me", "GET /api/v1/companies/{id}",
            "PATCH /api/v1/memberships/{id}", "POST /api/v1/invitations/{id}/revoke", "GET /api/v1/audit-events/verify",
            "GET /api/v1/engagements/{id}/portal", "POST /api/v1/engagements/{id}/payments/{payment_id}/pay",
            "GET /api/v1/shared/portal/{token}",
        ] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        #expect(routes.first { $0.description == "POST /api/v1/auth/login" }?.requiresPrincipal == false)
        #expect(routes.first { $0.description == "GET /api/v1/me" }?.requiresPrincipal == true)
        #expect(routes.first { $0.description == "GET /api/v1/shared/portal/{token}" }?.requiresPrincipal == false)
    }

    @Test("every listed route is served: without credentials it is 401 (or, if public, not a routing 404)")
    func served() async throws {
        try await withAPI { client, _ in
            let api = APIClient(client)
            // What the router answers for a path it does not serve; a public route may answer 404
            // itself (a shared portal link with a bad token), but never this.
            let unrouted = try await api.send(.get, "no-such-route", body: "{}")
            for route in PortalHTTPServer.apiRouteList() {
                let path = String(route.path.dropFirst("/api/v1".count)).replacingOccurrences(
                    of: "{id}", with: "0190a000-0000-7000-8000-000000000000")
                let method = try #require(HTTPRequest.Method(route.method))
                let response = try await api.send(method, path.hasPrefix("/") ? String(path.dropFirst()) : path, body: "{}")
                if route.requiresPrincipal {
                    #expect(response.status == .unauthorized, "\(route): \(response.text)")
                } else {
                    #expect(response.status != .notFound || response.text != unrouted.text, "\(route): \(response.text)")
                    #expect(response.status != .methodNotAllowed, "\(route)")
                }
            }
        }
    }

    @Test("staff read the audit trail and verify its chain; others may not")
    func audit() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            let staff = try await installation.createUser(in: tenant.id, email: "staff@acme.example")
            let company = try await installation.createCompany(in: tenant.id, name: "Globex")
            let member = try await installation.createUser(in: tenant.id, email: "owner@globex.example", kind: .client)
            try await installation.addMember(member, to: company, role: .owner)
            let asStaff = APIClient(client, bearer: try await installation.tokenSecret(for: staff).secret)
            let asOwner = APIClient(client, bearer: try await installation.tokenSecret(for: member).secret)

            let events = try await asStaff.get("audit-events?resource_type=company&limit=10")
            #expect(events.status == .ok)
            let items = try #require(try events.object()["items"] as? [[String: Any]])
            #expect(items.map { $0["action"] as? String } == ["company.created"])
            let verified = try await asStaff.get("audit-events/verify")
            #expect(verified.status == .ok)
            #expect(try verified.object()["first_break"] == nil || (try verified.object()["first_break"] is NSNull))

            #expect(try await asOwner.get("audit-events").status == .forbidden)
            #expect(try await asOwner.get("audit-events/verify").status == .forbidden)
        }
    }
}

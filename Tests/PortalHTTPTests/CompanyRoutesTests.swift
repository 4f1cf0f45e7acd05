import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

@Suite("Companies and contacts over HTTP")
struct CompanyRoutesTests {
    /// A staff member of a fresh tenant `acme`, signed in through an API token.
    static func staff(_ client: any TestClientProtocol, _ installation: TestInstallation) async throws -> APIClient {
        let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
        let staff = try await installation.createUser(in: tenant.id, email: "staff@acme.example", name: "Staff")
        return APIClient(client, bearer: try await installation.tokenSecret(for: staff).secret)
    }

    @Test("create, read, update and list companies", arguments: [false, true])
    func crud(postgres: Bool) async throws {
        try await withAPI(postgres: postgres) { client, installation in
            let api = try await Self.staff(client, installation)
            let created = try await api.post("companies", ["name": "Globex", "website": "https://globex.example", "type": "prospect"])
            #expect(created.status == .created)
            let company = try created.decode(Company.self)
            #expect(company.name == "Globex")
            #expect(company.type == .prospect)
            #expect(company.accountNumber.hasPrefix("CT-"))
            #expect(try created.object()["account_number"] as? String == company.accountNumber)

            let fetched = try await api.get("companies/\(company.id)")
            #expect(fetched.status == .ok)
            #expect(try fetched.decode(Company.self) == company)

            let updated = try await api.patch("companies/\(company.id)", ["industry": "Manufacturing", "status": "suspended"])
            #expect(updated.status == .ok)
            let after = try updated.decode(Company.self)
            #expect(after.industry == "Manufacturing")
            #expect(after.status == .suspended)
            #expect(after.name == "Globex")

            let suspended = try await api.get("companies?status=suspended")
            #expect(try suspended.decode(ListPage<Company>.self).items.map(\.id) == [company.id])
            let active = try await api.get("companies?status=active")
            #expect(try active.decode(ListPage<Company>.self).items.isEmpty)
            let search = try await api.get("companies?q=glob")
            #expect(try search.decode(ListPage<Company>.self).items.count == 1)

            let missing = try await api.get("companies/\(CompanyID.generate(at: Instant(secondsSinceEpoch: 1_700_000_000)))")
            #expect(missing.status == .notFound)
            #expect(try missing.error().code == "not_found")
        }
    }

    @Test("pages of two across three pages, sort=-name and updated_since")
    func pagination() async throws {
        try await withAPI { client, installation in
            let api = try await Self.staff(client, installation)
            for name in ["Alpha", "Bravo", "Charlie"] {
                #expect(try await api.post("companies", ["name": name]).status == .created)
            }
            try await Task.sleep(for: .milliseconds(5))
            let cutoff = installation.assembled.portal.clock.now()
            try await Task.sleep(for: .milliseconds(5))
            for name in ["Delta", "Echo"] {
                #expect(try await api.post("companies", ["name": name]).status == .created)
            }

            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                var path = "companies?limit=2&sort=-name"
                if let cursor { path += "&cursor=\(cursor)" }
                let response = try await api.get(path)
                #expect(response.status == .ok)
                let page = try response.decode(ListPage<Company>.self)
                #expect(page.items.count <= 2)
                names += page.items.map(\.name)
                cursor = page.nextCursor
                pages += 1
                if pages == 3 { #expect(try response.object()["next_cursor"] is NSNull, "the last page says so") }
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(names == ["Echo", "Delta", "Charlie", "Bravo", "Alpha"])

            let recent = try await api.get("companies?updated_since=\(cutoff.iso8601)&sort=name")
            #expect(try recent.decode(ListPage<Company>.self).items.map(\.name) == ["Delta", "Echo"])
        }
    }

    @Test("contacts: add, list per company and overall, read, update, remove")
    func contacts() async throws {
        try await withAPI { client, installation in
            let api = try await Self.staff(client, installation)
            let globex = try await api.post("companies", ["name": "Globex"]).decode(Company.self)
            let initech = try await api.post("companies", ["name": "Initech"]).decode(Company.self)

            let added = try await api.post("companies/\(globex.id)/contacts", ["name": "Hank Scorpio", "email": "hank@globex.example", "title": "CEO"])
            #expect(added.status == .created)
            let hank = try added.decode(Contact.self)
            #expect(hank.companyId == globex.id)
            #expect(try await api.post("companies/\(initech.id)/contacts", ["name": "Bill Lumbergh"]).status == .created)

            let ofGlobex = try await api.get("companies/\(globex.id)/contacts").decode(ListPage<Contact>.self)
            #expect(ofGlobex.items.map(\.name) == ["Hank Scorpio"])
            let all = try await api.get("contacts?sort=name").decode(ListPage<Contact>.self)
            #expect(all.items.map(\.name) == ["Bill Lumbergh", "Hank Scorpio"])
            let searched = try await api.get("contacts?q=hank").decode(ListPage<Contact>.self)
            #expect(searched.items.map(\.id) == [hank.id])

            #expect(try await api.get("contacts/\(hank.id)").decode(Contact.self) == hank)
            let renamed = try await api.patch("contacts/\(hank.id)", ["phone": "+1 555 0100", "title": ""])
            #expect(renamed.status == .ok)
            let after = try renamed.decode(Contact.self)
            #expect(after.phone == "+1 555 0100")
            #expect(after.title == nil)

            #expect(try await api.delete("contacts/\(hank.id)").status == .noContent)
            #expect(try await api.get("contacts/\(hank.id)").status == .notFound)
        }
    }

    @Test("members and agencies")
    func membersAndAgencies() async throws {
        try await withAPI { client, installation in
            let api = try await Self.staff(client, installation)
            let globex = try await api.post("companies", ["name": "Globex"]).decode(Company.self)
            let homer = try await api.post("users", ["email": "homer@globex.example", "name": "Homer", "kind": "client"]).decode(User.self)
            let added = try await api.post(
                "companies/\(globex.id)/members", ["user_id": homer.id.uuidString, "role": "viewer", "can_manage_billing": true])
            #expect(added.status == .created)
            let membership = try added.decode(CompanyMembership.self)
            #expect(membership.role == .viewer)
            #expect(membership.permissions.canManageBilling)

            let members = try await api.get("companies/\(globex.id)/members")
            #expect(members.status == .ok)
            let items = try #require(try members.object()["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["email"] as? String == "homer@globex.example")

            let promoted = try await api.patch("memberships/\(membership.id)", ["role": "admin"])
            #expect(try promoted.decode(CompanyMembership.self).role == .admin)
            #expect(try await api.delete("memberships/\(membership.id)").status == .noContent)
            #expect(try await api.get("companies/\(globex.id)/members").object()["items"] as? [Any] != nil)

            #expect(try await api.post("agencies", ["name": "Devs Inc"]).status == .created)
            let agencies = try await api.get("agencies").object()["items"] as? [[String: Any]]
            #expect(agencies?.map { $0["name"] as? String } == ["Devs Inc"])
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

@Suite("Invitations over HTTP")
struct InvitationRoutesTests {
    @Test("invite, preview and accept in public; the new user signs in and sees only their company")
    func inviteAndAccept() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            try await installation.createUser(in: tenant.id, email: "staff@acme.example")
            var staff = APIClient(client)
            try await staff.signIn(tenant: "acme", email: "staff@acme.example")
            let globex = try await staff.post("companies", ["name": "Globex"]).decode(Company.self)
            let initech = try await staff.post("companies", ["name": "Initech"]).decode(Company.self)

            let invited = try await staff.post(
                "companies/\(globex.id)/invitations", ["email": "marge@globex.example", "name": "Marge", "role": "admin"])
            #expect(invited.status == .created)
            let body = try invited.object()
            let token = try #require(body["token"] as? String)
            #expect((body["accept_url"] as? String)?.hasSuffix("/invitations/accept?token=\(token)") == true)
            let invitation = try #require(body["invitation"] as? [String: Any])
            let invitationID = try #require(invitation["id"] as? String)
            #expect(invitation["status"] as? String == "pending")

            let pending = try await staff.get("companies/\(globex.id)/invitations?status=pending")
            #expect(try pending.decode(ListPage<Invitation>.self).items.map(\.id.uuidString) == [invitationID])
            #expect(try await staff.get("invitations/\(invitationID)").status == .ok)

            let anonymous = APIClient(client)
            let preview = try await anonymous.post("invitations/preview", ["token": token])
            #expect(preview.status == .ok)
            let previewBody = try preview.object()
            #expect(previewBody["company_name"] as? String == "Globex")
            #expect(previewBody["account_exists"] as? Bool == false)

            let accepted = try await anonymous.post("invitations/accept", ["token": token, "password": "marge's long password"])
            #expect(accepted.status == .created)
            let acceptedBody = try accepted.object()
            #expect(acceptedBody["created_user"] as? Bool == true)
            #expect((acceptedBody["user"] as? [String: Any])?["email"] as? String == "marge@globex.example")
            #expect((acceptedBody["membership"] as? [String: Any])?["role"] as? String == "admin")

            // The link works once.
            let again = try await anonymous.post("invitations/accept", ["token": token, "password": "marge's long password"])
            #expect(again.status == .notFound)

            var marge = APIClient(client)
            try await marge.signIn(tenant: "acme", email: "marge@globex.example", password: "marge's long password")
            let companies = try await marge.get("companies").decode(ListPage<Company>.self)
            #expect(companies.items.map(\.id) == [globex.id])
            #expect(try await marge.get("companies/\(initech.id)").status == .notFound)
            let me = try await marge.get("me").object()
            #expect((me["memberships"] as? [[String: Any]])?.map { $0["company_id"] as? String } == [globex.id.uuidString])
        }
    }

    @Test("resend issues a new link; revoke ends it")
    func resendAndRevoke() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            let staffUser = try await installation.createUser(in: tenant.id, email: "staff@acme.example")
            let staff = APIClient(client, bearer: try await installation.tokenSecret(for: staffUser).secret)
            let globex = try await staff.post("companies", ["name": "Globex"]).decode(Company.self)
            let first = try await staff.post("companies/\(globex.id)/invitations", ["email": "bart@globex.example", "role": "viewer"]).object()
            let id = try #require((first["invitation"] as? [String: Any])?["id"] as? String)
            let oldToken = try #require(first["token"] as? String)

            let resent = try await staff.post("invitations/\(id)/resend")
            #expect(resent.status == .ok)
            let newToken = try #require(try resent.object()["token"] as? String)
            #expect(newToken != oldToken)
            #expect(try await APIClient(client).post("invitations/preview", ["token": oldToken]).status == .notFound)

            let revoked = try await staff.post("invitations/\(id)/revoke")
            #expect(revoked.status == .ok)
            #expect(try revoked.object()["status"] as? String == "revoked")
            #expect(try await APIClient(client).post("invitations/preview", ["token": newToken]).status == .notFound)
        }
    }
}

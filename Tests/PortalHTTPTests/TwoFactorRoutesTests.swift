import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

@Suite("Two-factor sign-in over HTTP")
struct TwoFactorRoutesTests {
    /// The current code of the app holding `secret` (base32, as enrollment returns it).
    static func code(_ secret: String, _ installation: TestInstallation) throws -> String {
        TOTP(secret: try #require(Base32.decode(secret))).code(at: installation.assembled.portal.clock.now())
    }

    @Test("enroll, then sign in with the second factor: the cookie rotates and the old one dies")
    func enrollAndVerify() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            try await installation.createUser(in: tenant.id, email: "ana@acme.example")
            var api = APIClient(client)
            try await api.signIn(tenant: "acme", email: "ana@acme.example")
            let enrollment = try await api.post("me/two-factor/enrollment")
            #expect(enrollment.status == .ok)
            let secret = try #require(try enrollment.object()["secret"] as? String)
            #expect((try enrollment.object()["provisioning_uri"] as? String)?.hasPrefix("otpauth://") == true)
            let confirmed = try await api.post("me/two-factor/confirm", ["code": try Self.code(secret, installation)])
            #expect(confirmed.status == .ok)
            let recoveryCodes = try #require(try confirmed.object()["recovery_codes"] as? [String])
            #expect(recoveryCodes.count == 10)
            #expect(try await api.post("auth/logout").status == .noContent)

            let login = try await api.signIn(tenant: "acme", email: "ana@acme.example")
            #expect(try login.object()["stage"] as? String == "second_factor")
            let waiting = try await api.get("me")
            #expect(waiting.status == .unauthorized)
            let oldToken = try #require(api.sessionToken)

            let forged = try await api.send(.post, "auth/two-factor", body: APIClient.text(["recovery_code": recoveryCodes[0]]), csrf: false)
            #expect(forged.status == .forbidden)
            let verified = try await api.post("auth/two-factor", ["recovery_code": recoveryCodes[0]])
            #expect(verified.status == .ok, "\(verified.text)")
            let body = try verified.object()
            #expect(body["stage"] as? String == "active")
            let newToken = try #require(APIClient.cookieValue(verified.setCookies.first))
            #expect(newToken != oldToken)
            api.sessionToken = newToken
            api.csrfToken = body["csrf_token"] as? String
            #expect(try await api.get("me").status == .ok)

            var stale = api
            stale.sessionToken = oldToken
            #expect(try await stale.get("me").status == .unauthorized)

            let wrong = try await api.post("me/two-factor/recovery-codes", ["code": "000000"])
            #expect(wrong.status == .unprocessableContent)
            #expect(try wrong.error().field == "code")
        }
    }

    @Test("a tenant that requires two-factor sign-in lets a new session only enroll, then promotes it")
    func requiredEnrollment() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            try await installation.createUser(in: tenant.id, email: "ana@acme.example")
            var update = TenantUpdate()
            update.requireTwoFactorForStaff = true
            _ = try await installation.identity.tenants.update(update, by: installation.operatorPrincipal(tenant.id))

            var api = APIClient(client)
            let login = try await api.signIn(tenant: "acme", email: "ana@acme.example")
            #expect(try login.object()["stage"] as? String == "enrollment")
            #expect(try await api.get("companies").status == .unauthorized)
            let enrollment = try await api.post("me/two-factor/enrollment")
            #expect(enrollment.status == .ok)
            let secret = try #require(try enrollment.object()["secret"] as? String)
            #expect(try await api.post("me/two-factor/confirm", ["code": try Self.code(secret, installation)]).status == .ok)
            let me = try await api.get("me")
            #expect(me.status == .ok)
            #expect(try me.object()["stage"] as? String == "active")
        }
    }
}

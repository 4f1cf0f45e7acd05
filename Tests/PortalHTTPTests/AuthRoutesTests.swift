import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

@Suite("Signing in, sessions, CSRF and API tokens")
struct AuthRoutesTests {
    @Test("login sets a locked-down cookie; /me works; PATCH needs the CSRF token; logout ends the session")
    func sessionLifecycle() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            let ana = try await installation.createUser(in: tenant.id, email: "ana@acme.example", name: "Ana")
            var api = APIClient(client)
            let login = try await api.signIn(tenant: "acme", email: "ANA@acme.example")

            let cookie = try #require(login.setCookies.first)
            #expect(cookie.hasPrefix("portal_session=ps_"))
            for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] {
                #expect(cookie.contains(flag), "cookie lacks \(flag): \(cookie)")
            }
            #expect(!cookie.contains("Secure"), "plain HTTP without a proxy header is not secure")
            let body = try login.object()
            #expect(body["stage"] as? String == "active")
            #expect((body["csrf_token"] as? String)?.isEmpty == false)
            #expect((body["session"] as? [String: Any])?["user_id"] as? String == ana.id.uuidString)
            #expect((body["user"] as? [String: Any])?["email"] as? String == "ana@acme.example")
            #expect(!login.text.contains(try #require(api.sessionToken)), "the session token is only in the cookie")

            let me = try await api.get("me")
            #expect(me.status == .ok)
            let meBody = try me.object()
            #expect((meBody["user"] as? [String: Any])?["id"] as? String == ana.id.uuidString)
            #expect((meBody["tenant"] as? [String: Any])?["slug"] as? String == "acme")
            #expect(meBody["stage"] as? String == "active")
            #expect((meBody["memberships"] as? [Any])?.isEmpty == true)

            // A state change with the cookie but without the CSRF token is refused, and changes nothing.
            let forged = try await api.send(.patch, "tenant", body: #"{"name":"Forged"}"#, csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try forged.error().code == "forbidden")
            let wrongToken = try await api.send(
                .patch, "tenant", body: #"{"name":"Forged"}"#, headers: [APIClient.csrfHeader: "not-the-token"], csrf: false)
            #expect(wrongToken.status == .forbidden)
            #expect(try await installation.identity.tenants.current(by: installation.operatorPrincipal(tenant.id)).name == "Acme Digital")

            let patched = try await api.patch("tenant", ["name": "Acme Renamed"])
            #expect(patched.status == .ok)
            #expect(try patched.object()["name"] as? String == "Acme Renamed")

            let logout = try await api.post("auth/logout")
            #expect(logout.status == .noContent)
            let cleared = try #require(logout.setCookies.first)
            #expect(cleared.hasPrefix("portal_session=;"))
            #expect(cleared.contains("Max-Age=0"))

            let after = try await api.get("me")
            #expect(after.status == .unauthorized)
            #expect(try after.error().code == "unauthenticated")
        }
    }

    @Test("the cookie is Secure behind a TLS-terminating proxy")
    func secureBehindProxy() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            try await installation.createUser(in: tenant.id, email: "ana@acme.example")
            let api = APIClient(client)
            let login = try await api.send(
                .post, "auth/login", body: APIClient.text(["tenant": "acme", "email": "ana@acme.example", "password": TestInstallation.password]),
                headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(login.status == .ok)
            #expect(login.setCookies.first?.contains("; Secure") == true)
        }
    }

    @Test("no credential is 401 with the error shape; a bad bearer token is 401")
    func unauthenticated() async throws {
        try await withAPI { client, _ in
            let anonymous = try await APIClient(client).get("companies")
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.error().code == "unauthenticated")
            let bogus = try await APIClient(client, bearer: "pt_not-a-token").get("me")
            #expect(bogus.status == .unauthorized)
            let otherScheme = try await APIClient(client).send(.get, "me", headers: [.authorization: "Basic YTpi"])
            #expect(otherScheme.status == .unauthorized)
        }
    }

    @Test("a wrong password and an unknown email or tenant get the same 401 body")
    func indistinguishableFailures() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            try await installation.createUser(in: tenant.id, email: "ana@acme.example")
            let api = APIClient(client)
            let wrongPassword = try await api.post("auth/login", ["tenant": "acme", "email": "ana@acme.example", "password": "wrong password!"])
            let unknownEmail = try await api.post("auth/login", ["tenant": "acme", "email": "nobody@acme.example", "password": "wrong password!"])
            let unknownTenant = try await api.post("auth/login", ["tenant": "nope", "email": "ana@acme.example", "password": "wrong password!"])
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownEmail.status == .unauthorized)
            #expect(unknownTenant.status == .unauthorized)
            #expect(wrongPassword.text == unknownEmail.text)
            #expect(wrongPassword.text == unknownTenant.text)
            #expect(wrongPassword.setCookies.isEmpty)
            #expect(try wrongPassword.error().code == "unauthenticated")
        }
    }

    @Test("too many failed sign-ins give 429 with Retry-After, even with the right password")
    func rateLimited() async throws {
        try await withAPI(environment: ["PORTAL_AUTH_MAX_FAILURES_PER_ACCOUNT": "3"]) { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            try await installation.createUser(in: tenant.id, email: "ana@acme.example")
            let api = APIClient(client)
            for _ in 0..<3 {
                let failed = try await api.post("auth/login", ["tenant": "acme", "email": "ana@acme.example", "password": "wrong password!"])
                #expect(failed.status == .unauthorized)
            }
            let locked = try await api.post(
                "auth/login", ["tenant": "acme", "email": "ana@acme.example", "password": TestInstallation.password])
            #expect(locked.status == .tooManyRequests)
            #expect(try locked.error().code == "rate_limited")
            let retryAfter = try #require(locked.headers[HTTPField.Name("Retry-After")!].flatMap { Int($0) })
            #expect((1...900).contains(retryAfter))
            #expect(locked.setCookies.isEmpty)
        }
    }

    @Test("an API token made through POST /tokens works as a bearer until it is revoked")
    func bearerTokens() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            let ana = try await installation.createUser(in: tenant.id, email: "ana@acme.example")
            var browser = APIClient(client)
            try await browser.signIn(tenant: "acme", email: "ana@acme.example")
            let created = try await browser.post("tokens", ["name": "CI deploys"])
            #expect(created.status == .created)
            let body = try created.object()
            let secret = try #require(body["secret"] as? String)
            #expect(secret.hasPrefix("pt_"))
            let token = try #require(body["token"] as? [String: Any])
            let tokenID = try #require(token["id"] as? String)
            #expect(token["user_id"] as? String == ana.id.uuidString)
            #expect(token["token_hash"] == nil)

            let script = APIClient(client, bearer: secret)
            let me = try await script.get("me")
            #expect(me.status == .ok)
            #expect((try me.object()["user"] as? [String: Any])?["id"] as? String == ana.id.uuidString)
            // A bearer needs no CSRF token for changes.
            #expect(try await script.post("companies", ["name": "Scripted Ltd"]).status == .created)

            let listed = try await browser.get("tokens")
            #expect(listed.status == .ok)
            let page = try listed.decode(ListPage<APIToken>.self)
            #expect(page.items.map(\.id.uuidString) == [tokenID])
            #expect(!listed.text.contains(secret))

            #expect(try await script.delete("tokens/\(tokenID)").status == .noContent)
            let refused = try await script.get("me")
            #expect(refused.status == .unauthorized)
            #expect(try refused.error().code == "unauthenticated")
            // The browser session is unaffected.
            #expect(try await browser.get("me").status == .ok)
        }
    }

    @Test("password reset requests are accepted whether or not the account exists")
    func passwordResetRequest() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            try await installation.createUser(in: tenant.id, email: "ana@acme.example")
            let api = APIClient(client)
            let known = try await api.post("auth/password-reset", ["tenant": "acme", "email": "ana@acme.example"])
            let unknown = try await api.post("auth/password-reset", ["tenant": "acme", "email": "nobody@acme.example"])
            #expect(known.status == .accepted)
            #expect(known.text == "{}")
            #expect(unknown.status == .accepted)
            #expect(unknown.text == known.text)
            let bogus = try await api.post("auth/password-reset/complete", ["token": "pr_bogus", "password": "another good password"])
            #expect(bogus.status == .unprocessableContent)
            #expect(try bogus.error().field == "token")
        }
    }
}

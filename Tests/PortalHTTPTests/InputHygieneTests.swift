import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

@Suite("Bad input is refused with the error shape and writes nothing")
struct InputHygieneTests {
    /// A bad request body and what the answer must say.
    struct BadBody: Sendable, CustomTestStringConvertible {
        let label: String
        let method: HTTPRequest.Method
        let path: String
        let body: String
        var contentType = "application/json"
        let status: HTTPResponse.Status
        let field: String?
        /// The table whose row count must not change.
        let table: String

        var testDescription: String { label }
    }

    static let long = String(repeating: "x", count: 201)

    static let badBodies: [BadBody] = [
        BadBody(label: "company without a name", method: .post, path: "companies", body: #"{"industry":"Retail"}"#,
                status: .unprocessableContent, field: "name", table: "companies"),
        BadBody(label: "company name of 201 characters", method: .post, path: "companies", body: #"{"name":"\#(long)"}"#,
                status: .unprocessableContent, field: "name", table: "companies"),
        BadBody(label: "company name of the wrong type", method: .post, path: "companies", body: #"{"name":42}"#,
                status: .unprocessableContent, field: "name", table: "companies"),
        BadBody(label: "company status that does not exist", method: .post, path: "companies", body: #"{"name":"Globex","status":"zombie"}"#,
                status: .unprocessableContent, field: "status", table: "companies"),
        BadBody(label: "invalid JSON", method: .post, path: "companies", body: #"{"name": "Globex""#,
                status: .unprocessableContent, field: nil, table: "companies"),
        BadBody(label: "a JSON array instead of an object", method: .post, path: "companies", body: #"["Globex"]"#,
                status: .unprocessableContent, field: nil, table: "companies"),
        BadBody(label: "form-encoded body", method: .post, path: "companies", body: "name=Globex",
                contentType: "application/x-www-form-urlencoded", status: .unsupportedMediaType, field: "content-type", table: "companies"),
        BadBody(label: "JSON sent as text/plain", method: .post, path: "companies", body: #"{"name":"Globex"}"#,
                contentType: "text/plain", status: .unsupportedMediaType, field: "content-type", table: "companies"),
        BadBody(label: "user with a malformed email", method: .post, path: "users", body: #"{"email":"not-an-email","name":"X"}"#,
                status: .unprocessableContent, field: "email", table: "users"),
        BadBody(label: "user without an email", method: .post, path: "users", body: #"{"name":"X"}"#,
                status: .unprocessableContent, field: "email", table: "users"),
        BadBody(label: "user of an unknown kind", method: .post, path: "users", body: #"{"email":"x@acme.example","name":"X","kind":"wizard"}"#,
                status: .unprocessableContent, field: "kind", table: "users"),
        BadBody(label: "user name of 201 characters", method: .post, path: "users", body: #"{"email":"x@acme.example","name":"\#(long)"}"#,
                status: .unprocessableContent, field: "name", table: "users"),
        BadBody(label: "invitation with an unknown role", method: .post, path: "companies/{company}/invitations",
                body: #"{"email":"x@globex.example","role":"emperor"}"#, status: .unprocessableContent, field: "role", table: "invitations"),
        BadBody(label: "invitation with a malformed email", method: .post, path: "companies/{company}/invitations",
                body: #"{"email":"x@@globex","role":"viewer"}"#, status: .unprocessableContent, field: "email", table: "invitations"),
        BadBody(label: "member with an unknown role", method: .post, path: "companies/{company}/members",
                body: #"{"user_id":"{client}","role":"emperor"}"#, status: .unprocessableContent, field: "role", table: "company_memberships"),
        BadBody(label: "member without a user", method: .post, path: "companies/{company}/members",
                body: #"{"role":"viewer"}"#, status: .unprocessableContent, field: "user_id", table: "company_memberships"),
        BadBody(label: "member with a malformed user id", method: .post, path: "companies/{company}/members",
                body: #"{"user_id":"42","role":"viewer"}"#, status: .unprocessableContent, field: "user_id", table: "company_memberships"),
        BadBody(label: "contact with a malformed email", method: .post, path: "companies/{company}/contacts",
                body: #"{"name":"Hank","email":"hank"}"#, status: .unprocessableContent, field: "email", table: "contacts"),
        BadBody(label: "contact name of 201 characters", method: .post, path: "companies/{company}/contacts",
                body: #"{"name":"\#(long)"}"#, status: .unprocessableContent, field: "name", table: "contacts"),
        BadBody(label: "token with a malformed expiry", method: .post, path: "tokens", body: #"{"name":"CI","expires_at":"tomorrow"}"#,
                status: .unprocessableContent, field: "expires_at", table: "api_tokens"),
        BadBody(label: "login without a password", method: .post, path: "auth/login", body: #"{"tenant":"acme","email":"x@acme.example"}"#,
                status: .unprocessableContent, field: "password", table: "sessions"),
    ]

    @Test("bad bodies", arguments: badBodies)
    func badBody(_ bad: BadBody) async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            let staff = try await installation.createUser(in: tenant.id, email: "staff@acme.example")
            let clientUser = try await installation.createUser(in: tenant.id, email: "client@acme.example", kind: .client)
            let company = try await installation.createCompany(in: tenant.id, name: "Globex")
            let api = APIClient(client, bearer: try await installation.tokenSecret(for: staff).secret)
            let before = try await installation.count(bad.table)
            let path = bad.path.replacingOccurrences(of: "{company}", with: company.id.uuidString)
            let body = bad.body.replacingOccurrences(of: "{client}", with: clientUser.id.uuidString)
            let response = try await api.send(bad.method, path, body: body, contentType: bad.contentType)
            #expect(response.status == bad.status, "\(response.text)")
            let error = try response.error()
            #expect(error.code == "invalid")
            #expect(error.field == bad.field)
            #expect(try await installation.count(bad.table) == before, "nothing is written")
        }
    }

    @Test("bad query values name the parameter")
    func badQueries() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            let staff = try await installation.createUser(in: tenant.id, email: "staff@acme.example")
            let api = APIClient(client, bearer: try await installation.tokenSecret(for: staff).secret)
            let cases: [(String, String)] = [
                ("companies?limit=0", "limit"), ("companies?limit=201", "limit"), ("companies?limit=ten", "limit"),
                ("companies?sort=colour", "sort"), ("companies?sort=-email", "sort"), ("users?sort=account_number", "sort"),
                ("companies?updated_since=yesterday", "updated_since"), ("companies?status=zombie", "status"),
                ("companies?type=alien", "type"), ("users?kind=wizard", "kind"), ("users?status=asleep", "status"),
                ("contacts?updated_since=last-week", "updated_since"), ("companies?cursor=garbage", "cursor"),
                ("audit-events?company_id=42", "company_id"), ("audit-events?since=soon", "since"),
                ("tokens?limit=-1", "limit"),
            ]
            for (path, field) in cases {
                let response = try await api.get(path)
                #expect(response.status == .unprocessableContent, "\(path): \(response.text)")
                #expect(try response.error().code == "invalid")
                #expect(try response.error().field == field, "\(path)")
            }
        }
    }

    @Test("malformed ids in paths are 404 with the error shape")
    func malformedIDs() async throws {
        try await withAPI { client, installation in
            let tenant = try await installation.createTenant(slug: "acme", name: "Acme Digital")
            let staff = try await installation.createUser(in: tenant.id, email: "staff@acme.example")
            let api = APIClient(client, bearer: try await installation.tokenSecret(for: staff).secret)
            for route in PortalHTTPServer.apiRouteList() where route.requiresPrincipal && !route.pathParameters.isEmpty {
                let path = String(route.path.dropFirst("/api/v1/".count)).replacingOccurrences(of: "{id}", with: "not-a-uuid")
                let response = try await api.send(HTTPRequest.Method(route.method)!, path, body: route.method == "GET" || route.method == "DELETE" ? nil : "{}")
                #expect(response.status == .notFound, "\(route): \(response.text)")
                #expect(try response.error().code == "not_found", "\(route)")
            }
        }
    }
}

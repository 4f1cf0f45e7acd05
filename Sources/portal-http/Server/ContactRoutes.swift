import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The people on the client side (`/contacts`, `/companies/{id}/contacts`).
enum ContactRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "companies/{id}/contacts", handler: listOfCompany),
        APIRoute(.post, "companies/{id}/contacts", handler: add),
        APIRoute(.get, "contacts", handler: list),
        APIRoute(.get, "contacts/{id}", handler: get),
        APIRoute(.patch, "contacts/{id}", handler: update),
        APIRoute(.delete, "contacts/{id}", handler: remove),
    ]

    @Sendable static func listOfCompany(_ call: APICall) async throws -> Response {
        try await list(call, company: try call.id(CompanyID.self))
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        try await list(call, company: nil)
    }

    @Sendable static func add(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let body = try await call.body(ContactInput.self)
        return try call.created(try await call.identity.contacts.add(body, to: company, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.identity.contacts.get(try call.id(ContactID.self), by: try call.principal()))
    }

    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(ContactID.self)
        let body = try await call.body(ContactInput.self)
        return try call.json(try await call.identity.contacts.update(id, body, by: try call.principal()))
    }

    @Sendable static func remove(_ call: APICall) async throws -> Response {
        try await call.identity.contacts.remove(try call.id(ContactID.self), by: try call.principal())
        return call.noContent()
    }

    private static func list(_ call: APICall, company: CompanyID?) async throws -> Response {
        let query = call.query
        let options = ContactListOptions(
            sort: try query.sort(ContactListOptions.sortFields), updatedSince: try query.instant("updated_since"),
            search: try query.text("q"))
        let page = try await call.identity.contacts.list(options, company: company, page: try query.page(), by: try call.principal())
        return try call.list(page)
    }
}

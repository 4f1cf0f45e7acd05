import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Who belongs to a company and with which role (`/companies/{id}/members`, `/memberships`).
enum MembershipRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "companies/{id}/members", handler: list),
        APIRoute(.post, "companies/{id}/members", handler: add),
        APIRoute(.patch, "memberships/{id}", handler: update),
        APIRoute(.delete, "memberships/{id}", handler: remove),
    ]

    struct NewMember: Decodable {
        let userId: String?
        let role: String?
        let canApproveDevelopers: Bool?
        let canSignContracts: Bool?
        let canManageBilling: Bool?

        /// The role's default flags with those given on top; `nil` (the kernel's defaults) when
        /// none is given or the role is not one the kernel knows (it names the error).
        var permissions: CompanyPermissions? {
            guard canApproveDevelopers != nil || canSignContracts != nil || canManageBilling != nil,
                let role = role.flatMap(CompanyRole.init(rawValue:))
            else { return nil }
            var permissions = CompanyPermissions.defaults(for: role)
            if let flag = canApproveDevelopers { permissions.canApproveDevelopers = flag }
            if let flag = canSignContracts { permissions.canSignContracts = flag }
            if let flag = canManageBilling { permissions.canManageBilling = flag }
            return permissions
        }
    }

    struct Members: Encodable {
        let items: [CompanyMemberWithUser]
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let members = try await call.identity.memberships.list(company: try call.id(CompanyID.self), by: try call.principal())
        return try call.json(Members(items: members))
    }

    @Sendable static func add(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let body = try await call.body(NewMember.self)
        guard let userText = body.userId else { throw PortalError.invalid("user_id is required.", field: "user_id") }
        let membership = try await call.identity.memberships.add(
            company: company, userId: try UserID(parsing: userText, field: "user_id"), role: body.role,
            permissions: body.permissions, by: try call.principal())
        return try call.created(membership)
    }

    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(MembershipID.self)
        let body = try await call.body(MembershipUpdate.self)
        return try call.json(try await call.identity.memberships.update(id, body, by: try call.principal()))
    }

    @Sendable static func remove(_ call: APICall) async throws -> Response {
        try await call.identity.memberships.remove(try call.id(MembershipID.self), by: try call.principal())
        return call.noContent()
    }
}

import Foundation
import PortalAssembly
import PortalKernel

/// The tenant an operator command acts on, and the principal it acts as.
///
/// Operator commands reach the kernel's use cases like any front end, as
/// ``Principal/operator(tenant:name:)`` named after the account running the command (`$USER`),
/// so every change they make is authorised by the same policy and recorded in the tenant's
/// audit trail as `operator:<name>`.
struct OperatorScope {
    let tenant: Tenant
    let principal: Principal

    /// The name recorded in the audit trail: the OS user running the command, else `operator`.
    static var operatorName: String {
        let user = (ProcessInfo.processInfo.environment["USER"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return user.isEmpty ? "operator" : user
    }

    init(tenant: Tenant) {
        self.tenant = tenant
        self.principal = .operator(tenant: tenant.id, name: Self.operatorName)
    }

    /// The tenant with `slug`; `not_found` on `tenant` when there is none.
    static func resolve(slug: String, in portal: Portal) async throws -> OperatorScope {
        guard let tenant = try await portal.identity.tenants.find(slug: slug) else {
            throw PortalError.notFound("No tenant has the slug '\(slug.prefix(64))'.", field: "tenant")
        }
        return OperatorScope(tenant: tenant)
    }
}

extension CommandSession {
    /// Runs `body` with the assembled kernel and the operator acting on the tenant `slug`.
    func withTenant(_ slug: String, _ body: (AssembledPortal, OperatorScope) async throws -> Void) async throws {
        try await withPortal { assembled, _ in
            try await body(assembled, try await OperatorScope.resolve(slug: slug, in: assembled.portal))
        }
    }
}

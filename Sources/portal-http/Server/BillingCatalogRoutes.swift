import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// What the tenant sells: subscription plans (`/plans`) and credit packages
/// (`/credit-packages`). Staff write them; clients see the active ones and buy packages.
enum BillingCatalogRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "plans", handler: plans),
        APIRoute(.post, "plans", handler: createPlan),
        APIRoute(.get, "plans/{id}", handler: plan),
        APIRoute(.patch, "plans/{id}", handler: updatePlan),
        APIRoute(.get, "credit-packages", handler: packages),
        APIRoute(.post, "credit-packages", handler: createPackage),
        APIRoute(.get, "credit-packages/{id}", handler: package),
        APIRoute(.patch, "credit-packages/{id}", handler: updatePackage),
        APIRoute(.post, "credit-packages/{id}/purchase", handler: purchase),
    ]

    /// The body of a purchase: the company that buys.
    struct Purchase: Decodable, Sendable {
        let companyId: CompanyID?
    }

    // MARK: Plans

    /// Active plans; staff add inactive ones with `include_inactive=true`.
    @Sendable static func plans(_ call: APICall) async throws -> Response {
        let includeInactive = try call.query.flag("include_inactive") ?? false
        return try call.json(BillingItems(items: try await call.billing.plans.list(includeInactive: includeInactive, by: try call.principal())))
    }

    @Sendable static func createPlan(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewPlan.self)
        return try call.created(try await call.billing.plans.create(body, by: try call.principal()))
    }

    @Sendable static func plan(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.plans.get(try call.id(PlanID.self), by: try call.principal()))
    }

    @Sendable static func updatePlan(_ call: APICall) async throws -> Response {
        let id = try call.id(PlanID.self)
        let body = try await call.body(PlanUpdate.self)
        return try call.json(try await call.billing.plans.update(id, body, by: try call.principal()))
    }

    // MARK: Credit packages

    /// Active packages in shop order; staff add inactive ones with `include_inactive=true`.
    @Sendable static func packages(_ call: APICall) async throws -> Response {
        let includeInactive = try call.query.flag("include_inactive") ?? false
        let packages = try await call.billing.creditPackages.list(includeInactive: includeInactive, by: try call.principal())
        return try call.json(BillingItems(items: packages))
    }

    @Sendable static func createPackage(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewCreditPackage.self)
        return try call.created(try await call.billing.creditPackages.create(body, by: try call.principal()))
    }

    @Sendable static func package(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.creditPackages.get(try call.id(CreditPackageID.self), by: try call.principal()))
    }

    @Sendable static func updatePackage(_ call: APICall) async throws -> Response {
        let id = try call.id(CreditPackageID.self)
        let body = try await call.body(CreditPackageUpdate.self)
        return try call.json(try await call.billing.creditPackages.update(id, body, by: try call.principal()))
    }

    /// Buys the package for `company_id`: the finalized credit-purchase invoice (`201`).
    ///
    /// The package is the path's resource, so one the caller cannot see is `404` here (the
    /// kernel, which takes it as an input, would name it `invalid`).
    @Sendable static func purchase(_ call: APICall) async throws -> Response {
        let id = try call.id(CreditPackageID.self)
        let body = try await call.body(Purchase.self)
        let principal = try call.principal()
        guard let company = body.companyId else { throw PortalError.invalid("company_id is required.", field: "company_id") }
        _ = try await call.billing.creditPackages.get(id, by: principal)
        return try call.created(try await call.billing.creditPackages.purchase(id, for: company, by: principal))
    }
}

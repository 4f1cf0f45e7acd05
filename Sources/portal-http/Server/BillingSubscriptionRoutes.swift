import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Subscriptions (`/subscriptions`): a company on a plan, billed one period at a time. Staff
/// create, pause and reactivate them; staff and clients who manage billing cancel them and
/// change plans, as the kernel allows.
enum BillingSubscriptionRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "subscriptions", handler: list),
        APIRoute(.post, "subscriptions", handler: create),
        APIRoute(.get, "subscriptions/{id}", handler: get),
        APIRoute(.post, "subscriptions/{id}/cancel", handler: cancel),
        APIRoute(.post, "subscriptions/{id}/change-plan", handler: changePlan),
        APIRoute(.post, "subscriptions/{id}/pause", handler: pause),
        APIRoute(.post, "subscriptions/{id}/reactivate", handler: reactivate),
    ]

    /// The optional body of a cancellation: at the end of the current period (the default) or
    /// now (`false`, staff only).
    struct Cancellation: Decodable, Sendable {
        let atPeriodEnd: Bool?
    }

    /// The body of a plan change.
    struct PlanChange: Decodable, Sendable {
        let planId: PlanID?
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = SubscriptionListOptions(
            sort: try query.sort(SubscriptionListOptions.sortFields, standard: SubscriptionListOptions().sort),
            companyId: try query.id("company_id", as: CompanyID.self),
            status: try query.choice("status", as: SubscriptionStatus.self))
        return try call.list(try await call.billing.subscriptions.list(options, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewSubscription.self)
        return try call.created(try await call.billing.subscriptions.create(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.subscriptions.get(try call.id(SubscriptionID.self), by: try call.principal()))
    }

    @Sendable static func cancel(_ call: APICall) async throws -> Response {
        let id = try call.id(SubscriptionID.self)
        let atPeriodEnd = try await call.optionalBody(Cancellation.self)?.atPeriodEnd ?? true
        return try call.json(try await call.billing.subscriptions.cancel(id, atPeriodEnd: atPeriodEnd, by: try call.principal()))
    }

    @Sendable static func changePlan(_ call: APICall) async throws -> Response {
        let id = try call.id(SubscriptionID.self)
        let body = try await call.body(PlanChange.self)
        guard let plan = body.planId else { throw PortalError.invalid("plan_id is required.", field: "plan_id") }
        return try call.json(try await call.billing.subscriptions.changePlan(id, to: plan, by: try call.principal()))
    }

    @Sendable static func pause(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.subscriptions.pause(try call.id(SubscriptionID.self), by: try call.principal()))
    }

    @Sendable static func reactivate(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.subscriptions.reactivate(try call.id(SubscriptionID.self), by: try call.principal()))
    }
}

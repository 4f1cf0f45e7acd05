import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// A company's usage credits (`/companies/{id}/credits`): the balance with the ledger's
/// entries, spending (`usage`, idempotent by key) and staff corrections (`adjustments`).
enum BillingCreditRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "companies/{id}/credits", handler: balance),
        APIRoute(.post, "companies/{id}/credits/usage", handler: use),
        APIRoute(.post, "companies/{id}/credits/adjustments", handler: adjust),
    ]

    /// The balance and a page of entries, newest first.
    struct Balance: Encodable, Sendable {
        let balance: Int64
        let items: [CreditEntry]
        let nextCursor: String?
    }

    /// Credits to spend. Missing values reach the kernel empty, so it names the field.
    struct Usage: Decodable, Sendable {
        let credits: Int64?
        let description: String?
        let idempotencyKey: String?
    }

    /// A correction: positive adds, negative removes.
    struct Adjustment: Decodable, Sendable {
        let credits: Int64?
        let reason: String?
    }

    @Sendable static func balance(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let page = try call.query.page()
        let principal = try call.principal()
        let entries = try await call.billing.credits.entries(of: company, page: page, by: principal)
        let balance = try await call.billing.credits.balance(of: company, by: principal)
        return try call.json(Balance(balance: balance, items: entries.items, nextCursor: entries.nextCursor))
    }

    /// `201` for a new use; `200` when the key replays an earlier one (nothing spent again).
    @Sendable static func use(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let body = try await call.body(Usage.self)
        let usage = try await call.billing.credits.use(
            company, credits: body.credits ?? 0, description: body.description ?? "",
            idempotencyKey: body.idempotencyKey ?? "", by: try call.principal())
        return try call.json(usage, status: usage.replayed ? .ok : .created)
    }

    @Sendable static func adjust(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let body = try await call.body(Adjustment.self)
        return try call.created(
            try await call.billing.credits.adjust(company, credits: body.credits ?? 0, reason: body.reason ?? "", by: try call.principal()))
    }
}

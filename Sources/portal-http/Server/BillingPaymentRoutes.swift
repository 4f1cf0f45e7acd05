import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Payments (`/payments`): staff record money received and approve or reject the bank
/// transfers payers report (`/payments/transfers`); refunds; a company's customer credit.
enum BillingPaymentRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "payments", handler: list),
        APIRoute(.post, "payments", handler: record),
        APIRoute(.post, "payments/transfers", handler: submitTransfer),
        APIRoute(.get, "payments/{id}", handler: get),
        APIRoute(.post, "payments/{id}/approve", handler: approve),
        APIRoute(.post, "payments/{id}/reject", handler: reject),
        APIRoute(.post, "payments/{id}/refunds", handler: refund),
        APIRoute(.get, "companies/{id}/customer-credit", handler: customerCredit),
    ]

    /// The sort fields of payment lists.
    static let sortFields: [ListSortField] = [.createdAt, .updatedAt]

    /// A company's customer-credit balances, one per currency it holds.
    struct CustomerCredit: Encodable, Sendable {
        let balances: [Money]
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = PaymentListOptions(
            sort: try query.sort(sortFields, standard: PaymentListOptions().sort),
            companyId: try query.id("company_id", as: CompanyID.self), status: try query.choice("status", as: PaymentStatus.self),
            updatedSince: try query.instant("updated_since"))
        return try call.list(try await call.billing.payments.list(options, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func record(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewPayment.self)
        return try call.created(try await call.billing.payments.record(body, by: try call.principal()))
    }

    @Sendable static func submitTransfer(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewPayment.self)
        return try call.created(try await call.billing.payments.submitTransfer(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.payments.get(try call.id(PaymentID.self), by: try call.principal()))
    }

    @Sendable static func approve(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.payments.approve(try call.id(PaymentID.self), by: try call.principal()))
    }

    @Sendable static func reject(_ call: APICall) async throws -> Response {
        let id = try call.id(PaymentID.self)
        let body = try await call.body(BillingReason.self)
        return try call.json(try await call.billing.payments.reject(id, reason: body.text, by: try call.principal()))
    }

    @Sendable static func refund(_ call: APICall) async throws -> Response {
        let id = try call.id(PaymentID.self)
        let body = try await call.body(NewRefund.self)
        return try call.created(try await call.billing.payments.refund(id, body, by: try call.principal()))
    }

    /// A company the caller cannot see is `404` (the kernel checks it).
    @Sendable static func customerCredit(_ call: APICall) async throws -> Response {
        let company = try call.id(CompanyID.self)
        let principal = try call.principal()
        return try call.json(CustomerCredit(balances: try await call.billing.payments.customerCredit(company, by: principal)))
    }
}

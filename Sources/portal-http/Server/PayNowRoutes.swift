import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// "Pay now": starts paying one scheduled payment of an engagement
/// (`/engagements/{id}/payments/{payment_id}/pay`, which invoices it first when it is not
/// invoiced yet) or any unpaid invoice (`/invoices/{id}/pay`).
///
/// Both answer ``PayNowResponse``: the invoice, the amount due and the gateway's next step. The
/// gateway is the body's `gateway`, or the tenant's first enabled method for the company's
/// country when there is no body. Anyone who may read the company's billing may pay.
enum PayNowRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.post, "engagements/{id}/payments/{payment_id}/pay", handler: payScheduled),
        APIRoute(.post, "invoices/{id}/pay", handler: payInvoice),
    ]

    /// The optional body: the gateway to pay through (`manual`, `stripe`, …).
    struct GatewayChoice: Decodable, Sendable {
        let gateway: String?
    }

    @Sendable static func payScheduled(_ call: APICall) async throws -> Response {
        let id = try call.id(ProposalID.self)
        let payment = try call.id(ProposalPaymentID.self, "payment_id")
        let gateway = try await gateway(call)
        let started = try await call.engagements.portal.payNow(payment, of: id, gateway: gateway, by: try call.principal())
        return try call.json(PayNowResponse(started))
    }

    @Sendable static func payInvoice(_ call: APICall) async throws -> Response {
        let id = try call.id(InvoiceID.self)
        let gateway = try await gateway(call)
        let started = try await call.billing.paymentMethods.start(for: id, gateway: gateway, by: try call.principal())
        return try call.json(PayNowResponse(started))
    }

    /// The body's gateway: `nil` without a body or with an empty one; a plugin name is short.
    private static func gateway(_ call: APICall) async throws -> String? {
        guard let gateway = try await call.optionalBody(GatewayChoice.self)?.gateway, !gateway.isEmpty else { return nil }
        guard gateway.count <= 64 else { throw PortalError.invalid("gateway must be at most 64 characters.", field: "gateway") }
        return gateway
    }
}

import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Billing under `/api/v1`: settings, tax rates and payment methods; invoices, credit notes and
/// payments; plans, credit packages, subscriptions and usage credits; contracts and their billing.
///
/// The routes only translate HTTP to ``BillingServices`` calls: who may do what (staff, or a
/// company user with `can_manage_billing`, or anyone who may read the company's billing) is the
/// kernel's decision, so a client asking for another company's record gets the same `404` as
/// for a record that does not exist, and a viewer asking to pay gets `403`.
enum BillingRoutes {
    static let routes: [APIRoute] =
        BillingSettingsRoutes.routes + BillingInvoiceRoutes.routes + BillingCreditNoteRoutes.routes
        + BillingPaymentRoutes.routes + BillingCatalogRoutes.routes + BillingSubscriptionRoutes.routes
        + BillingCreditRoutes.routes + BillingContractRoutes.routes + BillingReportRoutes.routes
}

extension APICall {
    /// The billing use cases.
    var billing: BillingServices { assembled.portal.billing }

    /// The JSON body decoded as `type`, or `nil` when the request has no body at all (no
    /// `Content-Type`): for actions whose body only carries options with defaults.
    func optionalBody<Value: Decodable>(_ type: Value.Type) async throws -> Value? {
        guard request.headers[.contentType] != nil else { return nil }
        return try await body(type)
    }
}

extension InvoiceDocuments.File {
    /// The file as a response: its media type, and `Content-Disposition: inline` with its name
    /// (numbers are already safe for file names: ASCII letters, digits, `-`, `_`, `.`).
    var response: Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "inline; filename=\"\(fileName)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A list that is never paged: `{"items": […]}`.
struct BillingItems<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}

/// A body that gives a reason (`void`, `uncollectible`, `reject`). A missing reason reaches the
/// kernel as empty text, so the kernel names the field (`invalid` on `reason`).
struct BillingReason: Decodable, Sendable {
    let reason: String?

    var text: String { reason ?? "" }
}

extension ListQuery {
    /// `true` or `false` (`include_inactive=true`); `nil` when absent.
    func flag(_ name: String) throws -> Bool? {
        guard let text = self[name] else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw PortalError.invalid("\(name) must be true or false.", field: name)
        }
    }

    /// A calendar day as `YYYY-MM-DD` (`from=2026-01-01`); `nil` when absent.
    func date(_ name: String) throws -> LocalDate? {
        guard let text = self[name] else { return nil }
        guard let date = LocalDate(iso8601: text) else {
            throw PortalError.invalid("\(name) must be a date such as 2026-03-02.", field: name)
        }
        return date
    }
}

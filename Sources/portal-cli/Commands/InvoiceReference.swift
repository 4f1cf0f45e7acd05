import Foundation
import PortalKernel

/// Finds an invoice from what an operator types: its id or its number (`INV-2026-11-00042`).
enum InvoiceReference {
    /// The invoice `text` names, with its lines; `not_found` on `field` when there is none.
    static func resolve(_ text: String, field: String, in invoices: Invoices, by principal: Principal) async throws -> Invoice {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = InvoiceID(trimmed) {
            do {
                return try await invoices.get(id, by: principal)
            } catch var error as PortalError where error.code == .notFound {
                error.field = field
                throw error
            }
        }
        let number = trimmed.uppercased()
        if !number.isEmpty {
            let page = try await invoices.list(
                InvoiceListOptions(search: trimmed), page: try PageRequest(limit: PageRequest.maximumLimit), by: principal)
            if let match = page.items.first(where: { $0.number?.uppercased() == number }) {
                return try await invoices.get(match.id, by: principal)
            }
        }
        throw PortalError.notFound("No invoice has the id or number '\(trimmed.prefix(64))'.", field: field)
    }

    /// A payment allocation written `INVOICE[=AMOUNT]`: the invoice by id or number and, when
    /// given, the decimal amount to apply to it (else the payment's whole amount, or what remains).
    static func allocation(
        _ text: String, index: Int, currency: Currency, in invoices: Invoices, by principal: Principal
    ) async throws -> (invoice: Invoice, amount: Int64?) {
        let field = "invoice[\(index)]"
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let invoice = try await resolve(parts[0], field: field, in: invoices, by: principal)
        let amount = try parts.count == 2 ? BillingInput.amount(parts[1], currency: currency, field: "\(field).amount") : nil
        return (invoice, amount)
    }
}

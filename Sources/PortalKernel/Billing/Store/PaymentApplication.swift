/// Applies a succeeded payment's money: to the requested invoices (at most what each still
/// owes), or to the company's oldest collectible invoices in the payment's currency when none
/// were requested, and the rest to customer credit. Every movement is a ledger entry; every
/// touched invoice is refreshed from the ledger.
enum PaymentApplication {
    static func apply(
        _ payment: Payment, tenant: Tenant, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws {
        let currency = payment.amount.currency
        var left = payment.amount.minorUnits
        var targets: [(InvoiceID, Int64?)] = payment.requestedAllocations.map { ($0.invoiceId, $0.amount) }
        if targets.isEmpty {
            targets = try connection.query(
                """
                SELECT id FROM invoices
                WHERE tenant_id = \(tenant.id) AND company_id = \(payment.companyId) AND currency = \(currency)
                    AND status IN ('open', 'partially_paid', 'overdue', 'uncollectible') AND amount_due > 0
                ORDER BY due_date, number
                """
            ).map { (try $0.get("id"), nil) }
        }
        for (invoiceID, requested) in targets where left > 0 {
            let invoice = try InvoiceStore.load(invoiceID, tenant: tenant.id, on: connection, forUpdate: true)
            guard invoice.status.isCollectible, invoice.currency == currency else { continue }
            let amount = min(left, requested ?? left, invoice.amountDue.minorUnits)
            guard amount > 0 else { continue }
            try Ledger.insert(
                Ledger.Entry(
                    company: payment.companyId, account: .invoice, kind: .payment, invoice: invoiceID,
                    amount: Money(minorUnits: amount, currency: currency), payment: payment.id),
                tenant: tenant.id, by: principal, at: now, on: connection)
            try InvoiceLedger.refresh(invoiceID, tenant: tenant, by: principal, at: now, on: connection)
            left -= amount
        }
        try Ledger.insert(
            Ledger.Entry(
                company: payment.companyId, account: .customerCredit, kind: .payment, invoice: nil,
                amount: Money(minorUnits: left, currency: currency), payment: payment.id),
            tenant: tenant.id, by: principal, at: now, on: connection)
    }

    /// Checks requested allocations before a payment is recorded: invoices of the company, in the
    /// payment's currency, still collectible, and together no more than the payment.
    static func validate(
        _ allocations: [PaymentAllocation], amount: Money, company: CompanyID, tenant: TenantID, on connection: any SQLConnection
    ) throws {
        var total: Int64 = 0
        var seen = Set<InvoiceID>()
        for (index, allocation) in allocations.enumerated() {
            let field = "allocations[\(index)]"
            guard allocation.amount > 0 else { throw PortalError.invalid("An allocation must be positive.", field: "\(field).amount") }
            guard seen.insert(allocation.invoiceId).inserted else {
                throw PortalError.invalid("Each invoice may appear once.", field: "\(field).invoice_id")
            }
            let invoice: Invoice
            do {
                invoice = try InvoiceStore.load(allocation.invoiceId, tenant: tenant, on: connection)
            } catch let error as PortalError where error.code == .notFound {
                throw PortalError.invalid("No such invoice.", field: "\(field).invoice_id")
            }
            guard invoice.companyId == company, invoice.currency == amount.currency, invoice.status.isCollectible else {
                throw PortalError.invalid(
                    "The invoice must be an unpaid invoice of the same company and currency.", field: "\(field).invoice_id")
            }
            total += allocation.amount
        }
        guard total <= amount.minorUnits else {
            throw PortalError.invalid("The allocations exceed the payment.", field: "allocations")
        }
    }
}

/// Keeps a contract billing period's status in step with the invoice that billed it.
enum ContractPeriodSync {
    static func invoiceChanged(_ invoice: Invoice, on connection: any SQLConnection, at now: Instant) throws {
        guard invoice.kind == .contract else { return }
        let status: String
        switch invoice.status {
        case .paid: status = "paid"
        case .overdue: status = "overdue"
        case .void: status = "canceled"
        default: status = "invoiced"
        }
        let tenant = try Tenants.load(invoice.tenantId, on: connection)
        let paymentDate = invoice.status == .paid ? invoice.paidAt.map { tenant.timeZone.localDate(of: $0) } : nil
        try connection.execute(
            """
            UPDATE contract_billing_periods SET status = \(status), updated_at = \(now),
                payment_date = \(paymentDate)
            WHERE tenant_id = \(invoice.tenantId) AND invoice_id = \(invoice.id)
            """)
    }
}

/// Keeps a proposal's payment-schedule item in step with the invoice that bills it: `invoiced`,
/// `paid`, `overdue`, or back to `pending` (unlinked, to be invoiced again) when it is voided.
enum ProposalPaymentSync {
    static func invoiceChanged(_ invoice: Invoice, on connection: any SQLConnection, at now: Instant) throws {
        guard invoice.kind == .standard else { return }
        let status = ProposalPaymentStatus.following(invoice.status)
        if status == .pending {
            try connection.execute(
                """
                UPDATE proposal_payments SET status = 'pending', invoice_id = NULL, updated_at = \(now)
                WHERE tenant_id = \(invoice.tenantId) AND invoice_id = \(invoice.id)
                """)
        } else {
            try connection.execute(
                """
                UPDATE proposal_payments SET status = \(status.rawValue), updated_at = \(now)
                WHERE tenant_id = \(invoice.tenantId) AND invoice_id = \(invoice.id) AND status <> \(status.rawValue)
                """)
        }
    }
}

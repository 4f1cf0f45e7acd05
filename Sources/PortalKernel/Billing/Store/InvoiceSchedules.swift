/// The one place an invoice's change reaches the schedules it bills: contract billing periods
/// (``ContractPeriodSync``) and proposal payment-schedule items (``ProposalPaymentSync``). Every
/// status change of an issued invoice calls ``invoiceChanged(_:on:at:)`` in its transaction.
enum InvoiceSchedules {
    static func invoiceChanged(_ invoice: Invoice, on connection: any SQLConnection, at now: Instant) throws {
        try ContractPeriodSync.invoiceChanged(invoice, on: connection, at: now)
        try ProposalPaymentSync.invoiceChanged(invoice, on: connection, at: now)
    }
}

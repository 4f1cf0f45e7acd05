/// One stored billing period of a contract: `[periodStart, periodEnd)`, the total its line
/// items charge in it, and what became of it.
///
/// Periods are generated `pending` when billing is enabled (``ContractBilling``); a billing run
/// invoices a pending period of a billing-enabled contract once its start has come
/// (``ContractSchedule``) and the period follows its invoice from then on: `invoiced`, `paid`
/// (with ``paymentDate``), `overdue`, or `canceled` when the invoice is voided.
///
/// ``total`` is the contract amount billed, before the company's standing discount and tax,
/// which the invoice adds.
public struct ContractBillingPeriod: Sendable, Hashable, Codable {
    public var id: ContractBillingPeriodID
    public var contractId: ContractID
    /// Period *k* starts `k × interval` months after the contract's billing start.
    public var index: Int
    public var periodStart: LocalDate
    /// The day after the last day covered: the next period's start.
    public var periodEnd: LocalDate
    public var total: Money
    public var status: ContractBillingPeriodStatus
    public var invoiceId: InvoiceID?
    public var invoiceDate: LocalDate?
    public var paymentDate: LocalDate?
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// Where a billing period stands.
public enum ContractBillingPeriodStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not invoiced yet.
    case pending
    case invoiced
    case paid
    case overdue
    /// Its invoice was voided.
    case canceled
}

extension ContractBillingPeriod {
    init(row: SQLRow) throws {
        let currency: Currency = try row.get("currency")
        self.init(
            id: try row.get("id"), contractId: try row.get("contract_id"), index: try row.get("period_index"),
            periodStart: try row.get("period_start"), periodEnd: try row.get("period_end"),
            total: try row.money("total_amount", currency), status: try row.enumeration("status"),
            invoiceId: try row.get("invoice_id"), invoiceDate: try row.get("invoice_date"),
            paymentDate: try row.get("payment_date"), createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}

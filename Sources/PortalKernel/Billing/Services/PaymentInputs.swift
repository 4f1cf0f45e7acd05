/// A payment staff record (money already received) or a payer reports (a bank transfer).
public struct NewPayment: Sendable, Hashable, Codable {
    public var companyId: CompanyID
    /// Minor units.
    public var amount: Int64
    /// The tenant's default currency when absent.
    public var currency: Currency?
    /// The gateway plugin the money came through (`manual` by default).
    public var gateway: String?
    /// The reference the payer quoted (usually the invoice number).
    public var reference: String?
    public var receivedOn: LocalDate?
    /// How to apply it; absent or empty: the oldest unpaid invoices first.
    public var allocations: [PaymentAllocation]?
    /// Repeating a request with the same key returns the first payment instead of a second one.
    public var idempotencyKey: String?

    public init(
        companyId: CompanyID, amount: Int64, currency: Currency? = nil, gateway: String? = nil, reference: String? = nil,
        receivedOn: LocalDate? = nil, allocations: [PaymentAllocation]? = nil, idempotencyKey: String? = nil
    ) {
        self.companyId = companyId
        self.amount = amount
        self.currency = currency
        self.gateway = gateway
        self.reference = reference
        self.receivedOn = receivedOn
        self.allocations = allocations
        self.idempotencyKey = idempotencyKey
    }
}

/// A refund of all or part of a payment.
public struct NewRefund: Sendable, Hashable, Codable {
    /// Minor units; absent refunds everything not yet refunded.
    public var amount: Int64?
    public var reason: String?
    public var idempotencyKey: String?

    public init(amount: Int64? = nil, reason: String?, idempotencyKey: String? = nil) {
        self.amount = amount
        self.reason = reason
        self.idempotencyKey = idempotencyKey
    }
}

/// Filters for payment lists.
public struct PaymentListOptions: Sendable, Hashable {
    public var sort: ListSort
    public var companyId: CompanyID?
    public var status: PaymentStatus?
    public var updatedSince: Instant?

    public init(
        sort: ListSort = ListSort(.createdAt), companyId: CompanyID? = nil, status: PaymentStatus? = nil,
        updatedSince: Instant? = nil
    ) {
        self.sort = sort
        self.companyId = companyId
        self.status = status
        self.updatedSince = updatedSince
    }
}

/// Reading and writing payment rows.
enum PaymentStore {
    static func insert(_ payment: Payment, tenant: TenantID, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO payments (id, tenant_id, company_id, gateway, status, currency, amount, refunded_amount, reference,
                provider_reference, idempotency_key, received_on, requested_allocations, recorded_by, created_at, updated_at)
            VALUES (\(payment.id), \(tenant), \(payment.companyId), \(payment.gateway), \(payment.status.rawValue),
                \(payment.amount.currency), \(payment.amount.minorUnits), 0, \(payment.reference), \(payment.providerReference),
                \(payment.idempotencyKey), \(payment.receivedOn), \(try JSONCoding.encodeToString(payment.requestedAllocations)),
                \(payment.recordedBy), \(payment.createdAt), \(payment.updatedAt))
            """)
    }

    static func update(_ payment: Payment, tenant: TenantID, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE payments SET status = \(payment.status.rawValue), refunded_amount = \(payment.refundedAmount.minorUnits),
                decided_by = \(payment.decidedBy), decided_at = \(payment.decidedAt), decision_reason = \(payment.decisionReason),
                updated_at = \(payment.updatedAt)
            WHERE tenant_id = \(tenant) AND id = \(payment.id)
            """)
    }

    static func load(_ id: PaymentID, tenant: TenantID, on connection: any SQLConnection, forUpdate: Bool = false) throws -> Payment {
        let lock: SQLStatement = forUpdate ? connection.dialect.rowLockClause : ""
        guard let row = try connection.queryFirst("SELECT * FROM payments WHERE tenant_id = \(tenant) AND id = \(id)\(lock)") else {
            throw PortalError.notFound("No such payment.")
        }
        return try withAllocations(try Payment(row: row), tenant: tenant, on: connection)
    }

    static func load(idempotencyKey key: String, tenant: TenantID, on connection: any SQLConnection) throws -> Payment? {
        guard let row = try connection.queryFirst(
            "SELECT * FROM payments WHERE tenant_id = \(tenant) AND idempotency_key = \(key)")
        else { return nil }
        return try withAllocations(try Payment(row: row), tenant: tenant, on: connection)
    }

    /// Fills in where the money went, from the ledger (net of refunds).
    static func withAllocations(_ payment: Payment, tenant: TenantID, on connection: any SQLConnection) throws -> Payment {
        var payment = payment
        var byInvoice: [InvoiceID: Int64] = [:]
        var order: [InvoiceID] = []
        var credit: Int64 = 0
        for entry in try Ledger.entries(payment: payment.id, tenant: tenant, on: connection) {
            if let invoice = entry.invoiceId {
                if byInvoice[invoice] == nil { order.append(invoice) }
                byInvoice[invoice, default: 0] += entry.amount.minorUnits
            } else {
                credit += entry.amount.minorUnits
            }
        }
        payment.allocations = order.map { PaymentAllocation(invoiceId: $0, amount: byInvoice[$0] ?? 0) }
        payment.creditedToBalance = Money(minorUnits: credit, currency: payment.amount.currency)
        return payment
    }
}

extension Payment {
    init(row: SQLRow) throws {
        let currency: Currency = try row.get("currency")
        self.init(
            id: try row.get("id"), companyId: try row.get("company_id"), gateway: try row.get("gateway"),
            status: try row.enumeration("status"), amount: try row.money("amount", currency),
            refundedAmount: try row.money("refunded_amount", currency), reference: try row.get("reference"),
            providerReference: try row.get("provider_reference"), idempotencyKey: try row.get("idempotency_key"),
            receivedOn: try row.get("received_on"),
            requestedAllocations: try JSONCoding.decode(
                [PaymentAllocation].self, from: try row.get("requested_allocations", as: String.self)),
            recordedBy: try row.get("recorded_by"), decidedBy: try row.get("decided_by"), decidedAt: try row.get("decided_at"),
            decisionReason: try row.get("decision_reason"), allocations: [], creditedToBalance: .zero(currency),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

extension Payments {
    /// Refunds all or part of a succeeded payment through its gateway. The refund is taken first
    /// from what the payment left as customer credit (as far as the balance still holds it), then
    /// from its invoice allocations, latest first; each touched invoice is refreshed, so a paid
    /// invoice becomes partially paid, open or overdue again. A gateway that is not enabled can
    /// still refund `manual` payments (staff return the money themselves). Staff only.
    public func refund(_ id: PaymentID, _ input: NewRefund, by principal: Principal) async throws -> Refund {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let reason = try InputValidation.required(input.reason, field: "reason", maximumLength: 500)
        let now = context.now
        let refundID = RefundID.generate(at: now)
        let key = try Self.idempotencyKey(input.idempotencyKey, default: "refund-\(refundID.uuidString)")

        // A repeated request returns the first refund.
        if let existing = try await context.database.read(principal.scope, { connection in
            try Self.refund(idempotencyKey: key, tenant: principal.tenantId, on: connection)
        }) {
            guard existing.paymentId == id, input.amount.map({ $0 == existing.amount.minorUnits }) ?? true else {
                throw PortalError.conflict("This idempotency key was used for another refund.", field: "idempotency_key")
            }
            return existing
        }
        // Check and decide the amount, ask the gateway, then record the outcome.
        let (payment, amount) = try await context.database.read(principal.scope) { connection in
            let payment = try PaymentStore.load(id, tenant: principal.tenantId, on: connection)
            let remaining = try payment.amount.subtracting(payment.refundedAmount)
            guard [.succeeded, .partiallyRefunded].contains(payment.status), remaining.isPositive else {
                throw PortalError.conflict("Only a succeeded payment with money left can be refunded.", field: "status")
            }
            let amount = Money(minorUnits: input.amount ?? remaining.minorUnits, currency: payment.amount.currency)
            guard amount.isPositive, amount <= remaining else {
                throw PortalError.invalid("The refund must be above 0 and at most \(remaining.formatted()).", field: "amount")
            }
            return (payment, amount)
        }
        let outcome = try await gatewayRefund(payment, amount: amount, refundID: refundID, key: key, reason: reason)

        return try await context.database.write(principal.scope) { connection in
            if let existing = try Self.refund(idempotencyKey: key, tenant: principal.tenantId, on: connection) { return existing }
            let before = try PaymentStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            try Companies.lock(before.companyId, tenant: principal.tenantId, on: connection)
            let remaining = try before.amount.subtracting(before.refundedAmount)
            guard amount <= remaining else {
                throw PortalError.conflict("The payment was refunded meanwhile.", field: "amount")
            }
            let refund = Refund(
                id: refundID, paymentId: id, amount: amount, reason: reason, status: outcome.state.rawValue,
                providerReference: outcome.providerReference, createdBy: principal.label, createdAt: now)
            try connection.execute(
                """
                INSERT INTO refunds (id, tenant_id, payment_id, currency, amount, reason, status, provider_reference,
                    idempotency_key, created_by, created_at)
                VALUES (\(refund.id), \(principal.tenantId), \(id), \(amount.currency), \(amount.minorUnits), \(reason),
                    \(refund.status), \(refund.providerReference), \(key), \(refund.createdBy), \(now))
                """)
            guard outcome.state != .declined else { return refund }
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            try Self.unwind(before, amount: amount, refund: refund.id, tenant: tenant, by: principal, at: now, on: connection)
            var after = before
            after.refundedAmount = try before.refundedAmount.adding(amount)
            after.status = after.refundedAmount == after.amount ? .refunded : .partiallyRefunded
            after.updatedAt = now
            try PaymentStore.update(after, tenant: tenant.id, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "payment.refunded", resourceType: "payment", resourceId: id.uuidString, companyId: after.companyId,
                    before: before, after: after),
                by: principal, at: now, on: connection)
            return refund
        }
    }

    /// Asks the payment's gateway to return the money.
    private func gatewayRefund(
        _ payment: Payment, amount: Money, refundID: RefundID, key: String, reason: String
    ) async throws -> PaymentGatewayRefund {
        guard let gateway = context.plugins.paymentGateways[payment.gateway] else {
            guard payment.gateway == "manual" else {
                throw PortalError.unavailable("The payment gateway '\(payment.gateway)' is not enabled.")
            }
            return PaymentGatewayRefund(state: .succeeded, providerReference: key, amount: amount)
        }
        let request = PaymentGatewayRefundRequest(
            refundID: refundID.uuidString, paymentID: payment.id.uuidString, idempotencyKey: key,
            reference: PaymentGatewayReference(id: payment.providerReference ?? payment.reference ?? payment.idempotencyKey),
            amount: amount == payment.amount ? nil : amount, reason: .requestedByCustomer, note: reason)
        return try await gateway.refund(request, account: .default)
    }

    /// Writes the ledger entries that take `amount` back out of where the payment went.
    private static func unwind(
        _ payment: Payment, amount: Money, refund: RefundID, tenant: Tenant, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws {
        var left = amount.minorUnits
        let currency = amount.currency
        let credit = min(
            payment.creditedToBalance.minorUnits,
            try CustomerCredit.balance(of: payment.companyId, currency: currency, tenant: tenant.id, on: connection).minorUnits)
        if credit > 0 {
            let take = min(left, credit)
            try Ledger.insert(
                Ledger.Entry(company: payment.companyId, account: .customerCredit, kind: .refund, invoice: nil,
                    amount: Money(minorUnits: -take, currency: currency), payment: payment.id, refund: refund),
                tenant: tenant.id, by: principal, at: now, on: connection)
            left -= take
        }
        for allocation in payment.allocations.reversed() where left > 0 && allocation.amount > 0 {
            let take = min(left, allocation.amount)
            try Ledger.insert(
                Ledger.Entry(company: payment.companyId, account: .invoice, kind: .refund, invoice: allocation.invoiceId,
                    amount: Money(minorUnits: -take, currency: currency), payment: payment.id, refund: refund),
                tenant: tenant.id, by: principal, at: now, on: connection)
            try InvoiceLedger.refresh(allocation.invoiceId, tenant: tenant, by: principal, at: now, on: connection)
            left -= take
        }
        guard left == 0 else {
            throw PortalError.conflict(
                "The payment's customer credit has been spent; refund at most what remains on its invoices.", field: "amount")
        }
    }

    static func refund(idempotencyKey key: String, tenant: TenantID, on connection: any SQLConnection) throws -> Refund? {
        guard let row = try connection.queryFirst("SELECT * FROM refunds WHERE tenant_id = \(tenant) AND idempotency_key = \(key)")
        else { return nil }
        return Refund(
            id: try row.get("id"), paymentId: try row.get("payment_id"), amount: try row.money("amount", try row.get("currency")),
            reason: try row.get("reason"), status: try row.get("status"), providerReference: try row.get("provider_reference"),
            createdBy: try row.get("created_by"), createdAt: try row.get("created_at"))
    }
}

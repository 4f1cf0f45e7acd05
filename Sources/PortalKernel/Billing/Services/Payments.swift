/// The payments ledger: payments recorded by staff, bank transfers reported by payers and
/// approved or rejected by staff, refunds, and customer credit applied to invoices.
///
/// An invoice's paid amount changes only through ledger entries written here, so it can always
/// be recomputed from them.
public struct Payments: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Records money already received; it is applied at once. Staff only.
    public func record(_ input: NewPayment, by principal: Principal) async throws -> Payment {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        return try await create(input, status: .succeeded, by: principal)
    }

    /// Reports a bank transfer the payer has made, quoting its reference. It stays `pending`
    /// until staff approve it. Staff, or a company user allowed to manage billing.
    public func submitTransfer(_ input: NewPayment, by principal: Principal) async throws -> Payment {
        try AccessPolicy.authorize(principal, .manageBilling, on: .company(input.companyId))
        var input = input
        input.gateway = "manual"
        guard input.reference.map({ !$0.isEmpty }) == true else {
            throw PortalError.invalid("Quote the transfer's reference.", field: "reference")
        }
        return try await create(input, status: .pending, by: principal)
    }

    /// Approves a pending transfer: the money is applied to the invoices. Staff only.
    public func approve(_ id: PaymentID, by principal: Principal) async throws -> Payment {
        try await decide(id, approve: true, reason: nil, by: principal)
    }

    /// Rejects a pending transfer with a reason (the money did not arrive). Staff only.
    public func reject(_ id: PaymentID, reason: String, by principal: Principal) async throws -> Payment {
        let reason = try InputValidation.required(reason, field: "reason", maximumLength: 500)
        return try await decide(id, approve: false, reason: reason, by: principal)
    }

    /// One payment; clients see their own company's.
    public func get(_ id: PaymentID, by principal: Principal) async throws -> Payment {
        try await context.database.read(principal.scope) { connection in
            let payment = try PaymentStore.load(id, tenant: principal.tenantId, on: connection)
            if case .hide = AccessPolicy.decide(principal, .readBilling, on: .company(payment.companyId)) {
                throw PortalError.notFound("No such payment.")
            }
            try AccessPolicy.authorize(principal, .readBilling, on: .company(payment.companyId))
            return payment
        }
    }

    /// Payments the principal may read, newest first by default (allocations not filled in).
    public func list(_ options: PaymentListOptions, page: PageRequest, by principal: Principal) async throws -> Page<Payment> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable = AccessPolicy.companies(principal, allowing: .readBilling)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        return try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM payments WHERE tenant_id = \(principal.tenantId)"
            if let reachable { statement.append(" AND company_id IN (\(list: Array(reachable)))") }
            if let company = options.companyId { statement.append(" AND company_id = \(company)") }
            if let status = options.status { statement.append(" AND status = \(status.rawValue)") }
            if let since = options.updatedSince { statement.append(" AND updated_at >= \(since)") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), Payment.init(row:))
        }
    }

    /// The company's customer-credit balances, one per currency held.
    public func customerCredit(_ company: CompanyID, by principal: Principal) async throws -> [Money] {
        try await context.database.read(principal.scope) { connection in
            _ = try Companies.loadVisible(company, by: principal, action: .readBilling, on: connection)
            return try CustomerCredit.balances(of: company, tenant: principal.tenantId, on: connection)
        }
    }

    /// Uses the company's customer credit to settle an invoice: `amount` minor units, or as much
    /// as both the balance and the amount due allow. Staff, or a user who manages the company's billing.
    public func applyCustomerCredit(_ invoiceID: InvoiceID, amount: Int64?, by principal: Principal) async throws -> Invoice {
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let invoice = try InvoiceStore.loadVisible(invoiceID, by: principal, action: .manageBilling, on: connection, forUpdate: true)
            guard invoice.status.isCollectible else {
                throw PortalError.conflict("The invoice has nothing to settle.", field: "invoice_id")
            }
            try Companies.lock(invoice.companyId, tenant: principal.tenantId, on: connection)
            let balance = try CustomerCredit.balance(
                of: invoice.companyId, currency: invoice.currency, tenant: principal.tenantId, on: connection)
            let most = min(balance.minorUnits, invoice.amountDue.minorUnits)
            let use = amount ?? most
            guard use > 0, use <= most else {
                throw PortalError.invalid(
                    "At most \(Money(minorUnits: max(most, 0), currency: invoice.currency).formatted()) can be applied.",
                    field: "amount")
            }
            let money = Money(minorUnits: use, currency: invoice.currency)
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            try Ledger.insert(
                Ledger.Entry(company: invoice.companyId, account: .customerCredit, kind: .creditApplied, invoice: nil,
                    amount: try money.negated()),
                tenant: tenant.id, by: principal, at: now, on: connection)
            try Ledger.insert(
                Ledger.Entry(company: invoice.companyId, account: .invoice, kind: .creditApplied, invoice: invoice.id, amount: money),
                tenant: tenant.id, by: principal, at: now, on: connection)
            try AuditTrail.record(
                AuditEntry(
                    action: "customer_credit.applied", resourceType: "invoice", resourceId: invoice.id.uuidString,
                    companyId: invoice.companyId, changes: ["amount": AuditChange(before: nil, after: .integer(use))]),
                by: principal, at: now, on: connection)
            return try InvoiceLedger.refresh(invoice.id, tenant: tenant, by: principal, at: now, on: connection)
        }
    }

    // MARK: Internals

    private func create(_ input: NewPayment, status: PaymentStatus, by principal: Principal) async throws -> Payment {
        let now = context.now
        let paymentID = PaymentID.generate(at: now)
        let key = try Self.idempotencyKey(input.idempotencyKey, default: "pay-\(paymentID.uuidString)")
        let gateway = try InputValidation.code(input.gateway ?? "manual", field: "gateway")
        let reference = try InputValidation.optional(input.reference, field: "reference", maximumLength: 100)
        guard input.amount > 0 else { throw PortalError.invalid("The amount must be positive.", field: "amount") }
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            // Access was decided by the caller (staff, or billing rights on this company); the
            // lock checks the company exists in the tenant. Taking it before looking up the key
            // makes a retry that races its first attempt wait for it, then replay it: on
            // PostgreSQL the lookup after the lock sees the first attempt's committed payment.
            try Companies.lock(input.companyId, tenant: tenant.id, on: connection)
            if let existing = try PaymentStore.load(idempotencyKey: key, tenant: principal.tenantId, on: connection) {
                // A replay returns the first payment; the same key for a different payment is a mistake.
                guard existing.companyId == input.companyId, existing.amount.minorUnits == input.amount,
                    input.currency.map({ $0 == existing.amount.currency }) ?? true
                else {
                    throw PortalError.conflict("This idempotency key was used for another payment.", field: "idempotency_key")
                }
                _ = try Companies.loadVisible(existing.companyId, by: principal, action: .readBilling, on: connection)
                return existing
            }
            let amount = Money(minorUnits: input.amount, currency: input.currency ?? tenant.defaultCurrency)
            let allocations = input.allocations ?? []
            try PaymentApplication.validate(allocations, amount: amount, company: input.companyId, tenant: tenant.id, on: connection)
            let payment = Payment(
                id: paymentID, companyId: input.companyId, gateway: gateway, status: status, amount: amount,
                refundedAmount: .zero(amount.currency), reference: reference, providerReference: nil, idempotencyKey: key,
                receivedOn: input.receivedOn ?? tenant.timeZone.localDate(of: now), requestedAllocations: allocations,
                recordedBy: principal.label, decidedBy: nil, decidedAt: nil, decisionReason: nil, allocations: [],
                creditedToBalance: .zero(amount.currency), createdAt: now, updatedAt: now)
            try PaymentStore.insert(payment, tenant: tenant.id, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "payment.\(status == .pending ? "submitted" : "recorded")", resourceType: "payment",
                    resourceId: payment.id.uuidString, companyId: payment.companyId, before: Payment?.none, after: payment),
                by: principal, at: now, on: connection)
            if status == .succeeded {
                try Self.succeed(payment, tenant: tenant, by: principal, at: now, on: connection)
            }
            return try PaymentStore.load(payment.id, tenant: tenant.id, on: connection)
        }
    }

    private func decide(_ id: PaymentID, approve: Bool, reason: String?, by principal: Principal) async throws -> Payment {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try PaymentStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard before.status == .pending else {
                throw PortalError.conflict("Only a pending payment can be approved or rejected.", field: "status")
            }
            try Companies.lock(before.companyId, tenant: principal.tenantId, on: connection)
            var after = before
            after.status = approve ? .succeeded : .failed
            after.decidedBy = principal.label
            after.decidedAt = now
            after.decisionReason = reason
            after.updatedAt = now
            try PaymentStore.update(after, tenant: principal.tenantId, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: approve ? "payment.approved" : "payment.rejected", resourceType: "payment",
                    resourceId: id.uuidString, companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            if approve {
                let tenant = try Tenants.load(principal.tenantId, on: connection)
                try Self.succeed(after, tenant: tenant, by: principal, at: now, on: connection)
            }
            return try PaymentStore.load(id, tenant: principal.tenantId, on: connection)
        }
    }

    /// The caller's idempotency key, checked, or `fallback` (unique to this request) when none was given.
    static func idempotencyKey(_ given: String?, default fallback: String) throws -> String {
        guard let given else { return fallback }
        try PaymentGatewayRequest.validate(idempotencyKey: given)
        return given
    }

    /// Applies a payment that has just succeeded and announces it.
    static func succeed(_ payment: Payment, tenant: Tenant, by principal: Principal, at now: Instant, on connection: any SQLConnection) throws {
        // Allocations were validated when recorded; invoices may have been settled since, so
        // application caps each at what is still due and the rest becomes customer credit.
        try PaymentApplication.apply(payment, tenant: tenant, by: principal, at: now, on: connection)
        try NotificationEvents.record(
            kind: "payment_received", tenant: tenant.id, companyId: payment.companyId, subjectType: "payment",
            subjectId: payment.id.uuidString,
            payload: ["amount": JSONValue.integer(payment.amount.minorUnits), "currency": .string(payment.amount.currency.code)],
            dedupeKey: "payment_received:\(payment.id.uuidString)", at: now, on: connection)
    }
}

extension Contracts {
    /// The most line items one contract holds.
    public static let maximumLineItems = 100
    /// The longest an item may run: its end date is at most this many years after its start.
    public static let maximumItemYears = 50

    /// A contract's line items by start date, then creation. Needs the right to read the
    /// company's billing.
    public func lineItems(_ contract: ContractID, by principal: Principal) async throws -> [ContractLineItem] {
        try await context.database.read(principal.scope) { connection in
            let contract = try Self.loadVisible(contract, by: principal, action: .readBilling, on: connection)
            return try Self.items(of: contract, on: connection)
        }
    }

    /// Adds a line item. Staff only, and only while the contract's billing is disabled.
    ///
    /// Items change only while billing is disabled; enabling billing again regenerates the
    /// pending periods from the items as they are then, so a change affects only periods not
    /// yet invoiced. What was invoiced stays invoiced (correct it with a credit note).
    ///
    /// - Throws: `invalid` naming the field (`description`, `amount`, `billing_period_months`,
    ///   `start_date`, `end_date`, `tax_code`, `line_items`); `conflict` with field
    ///   `billing_enabled` while billing is enabled.
    public func addLineItem(
        _ contract: ContractID, _ input: ContractLineItemInput, by principal: Principal
    ) async throws -> ContractLineItem {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let contract = try Self.loadForItemChange(contract, tenant: principal.tenantId, on: connection)
            let count = try connection.queryScalar(
                "SELECT count(*) FROM contract_line_items WHERE tenant_id = \(principal.tenantId) AND contract_id = \(contract.id)",
                as: Int64.self) ?? 0
            guard count < Self.maximumLineItems else {
                throw PortalError.invalid("A contract has at most \(Self.maximumLineItems) line items.", field: "line_items")
            }
            let item = try Self.item(
                from: input, id: ContractLineItemID.generate(at: now), contract: contract, createdAt: now, at: now,
                on: connection)
            try connection.execute(
                """
                INSERT INTO contract_line_items (id, tenant_id, contract_id, item_type, description, currency, amount,
                    billing_period_months, start_date, end_date, is_recurring, status, tax_code, created_at, updated_at)
                VALUES (\(item.id), \(contract.tenantId), \(contract.id), \(item.itemType.rawValue), \(item.description),
                    \(contract.currency), \(item.amount.minorUnits), \(item.billingPeriodMonths), \(item.startDate),
                    \(item.endDate), \(item.isRecurring), \(item.status.rawValue), \(item.taxCode), \(now), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract_line_item.created", resourceType: "contract_line_item", resourceId: item.id.uuidString,
                    companyId: contract.companyId, before: ContractLineItem?.none, after: item),
                by: principal, at: now, on: connection)
            return item
        }
    }

    /// Replaces every field of a line item with `input`. Staff only, while billing is disabled
    /// (see ``addLineItem(_:_:by:)``).
    public func updateLineItem(
        _ contract: ContractID, _ item: ContractLineItemID, _ input: ContractLineItemInput, by principal: Principal
    ) async throws -> ContractLineItem {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let contract = try Self.loadForItemChange(contract, tenant: principal.tenantId, on: connection)
            let before = try Self.item(item, of: contract, on: connection)
            let after = try Self.item(
                from: input, id: before.id, contract: contract, createdAt: before.createdAt, at: now, on: connection)
            try connection.execute(
                """
                UPDATE contract_line_items SET item_type = \(after.itemType.rawValue), description = \(after.description),
                    amount = \(after.amount.minorUnits), billing_period_months = \(after.billingPeriodMonths),
                    start_date = \(after.startDate), end_date = \(after.endDate), is_recurring = \(after.isRecurring),
                    status = \(after.status.rawValue), tax_code = \(after.taxCode), updated_at = \(now)
                WHERE tenant_id = \(contract.tenantId) AND id = \(item)
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract_line_item.updated", resourceType: "contract_line_item", resourceId: item.uuidString,
                    companyId: contract.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Removes a line item. Staff only, while billing is disabled. Invoices already issued keep
    /// their lines.
    public func removeLineItem(_ contract: ContractID, _ item: ContractLineItemID, by principal: Principal) async throws {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        try await context.database.write(principal.scope) { connection in
            let contract = try Self.loadForItemChange(contract, tenant: principal.tenantId, on: connection)
            let before = try Self.item(item, of: contract, on: connection)
            try connection.execute("DELETE FROM contract_line_items WHERE tenant_id = \(contract.tenantId) AND id = \(item)")
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract_line_item.deleted", resourceType: "contract_line_item", resourceId: item.uuidString,
                    companyId: contract.companyId, before: before, after: ContractLineItem?.none),
                by: principal, at: now, on: connection)
        }
    }

    // MARK: Shared

    /// The contract's line items by start date, then creation: the order of an invoice's lines.
    static func items(of contract: Contract, on connection: any SQLConnection) throws -> [ContractLineItem] {
        try connection.query(
            """
            SELECT * FROM contract_line_items WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id)
            ORDER BY start_date, created_at, id
            """
        ).map(ContractLineItem.init(row:))
    }

    private static func item(
        _ id: ContractLineItemID, of contract: Contract, on connection: any SQLConnection
    ) throws -> ContractLineItem {
        guard let row = try connection.queryFirst(
            """
            SELECT * FROM contract_line_items
            WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id) AND id = \(id)
            """)
        else { throw PortalError.notFound("No such line item.") }
        return try ContractLineItem(row: row)
    }

    /// The contract, locked, after checking its billing is disabled.
    private static func loadForItemChange(
        _ id: ContractID, tenant: TenantID, on connection: any SQLConnection
    ) throws -> Contract {
        let contract = try load(id, tenant: tenant, on: connection, forUpdate: true)
        guard !contract.billingEnabled else {
            throw PortalError.conflict(
                "Line items change only while billing is disabled; disable billing first.", field: "billing_enabled")
        }
        return contract
    }

    /// The checked item described by `input`.
    private static func item(
        from input: ContractLineItemInput, id: ContractLineItemID, contract: Contract, createdAt: Instant, at now: Instant,
        on connection: any SQLConnection
    ) throws -> ContractLineItem {
        let description = try InputValidation.required(input.description, field: "description", maximumLength: 500)
        guard let amount = input.amount else { throw PortalError.invalid("amount is required.", field: "amount") }
        guard amount > 0 else { throw PortalError.invalid("amount must be positive.", field: "amount") }
        guard let months = input.billingPeriodMonths else {
            throw PortalError.invalid("billing_period_months is required.", field: "billing_period_months")
        }
        guard BillingInterval.allowedMonths.contains(months) else {
            throw PortalError.invalid("billing_period_months must be 1 to 120.", field: "billing_period_months")
        }
        guard let start = input.startDate else { throw PortalError.invalid("start_date is required.", field: "start_date") }
        if let end = input.endDate {
            guard end > start else { throw PortalError.invalid("end_date must be after start_date.", field: "end_date") }
            guard end <= start.adding(months: maximumItemYears * 12) else {
                throw PortalError.invalid(
                    "end_date must be at most \(maximumItemYears) years after start_date.", field: "end_date")
            }
        }
        let taxCode = try TaxRates.existingCode(input.taxCode, tenant: contract.tenantId, on: connection)
        return ContractLineItem(
            id: id, contractId: contract.id, itemType: input.itemType ?? .custom, description: description,
            amount: Money(minorUnits: amount, currency: contract.currency), billingPeriodMonths: months, startDate: start,
            endDate: input.endDate, isRecurring: input.isRecurring ?? false, status: input.status ?? .active,
            taxCode: taxCode, createdAt: createdAt, updatedAt: now)
    }
}

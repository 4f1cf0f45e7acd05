/// The tenant's subscription plans.
///
/// Staff create and change plans; every user of the tenant may read the active ones (clients
/// never see an inactive plan, except as the plan of their own subscription).
public struct Plans: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates a plan. Staff only.
    ///
    /// - Throws: `invalid` naming the field; `conflict` with field `code` when the tenant has a
    ///   plan with that code.
    public func create(_ input: NewPlan, by principal: Principal) async throws -> Plan {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let code = try InputValidation.code(input.code, field: "code")
        let name = try InputValidation.required(input.name, field: "name", maximumLength: 100)
        let description = try InputValidation.optional(input.description, field: "description", maximumLength: 2_000)
        let price = try Self.price(input.price)
        let credits = try Self.credits(input.includedCredits ?? 0)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let taxCode = try TaxRates.existingCode(input.taxCode, tenant: tenant.id, on: connection)
            if try connection.queryFirst("SELECT id FROM plans WHERE tenant_id = \(tenant.id) AND code = \(code)") != nil {
                throw PortalError.conflict("A plan with code \(code) exists.", field: "code")
            }
            let plan = Plan(
                id: PlanID.generate(at: now), code: code, name: name, description: description,
                price: Money(minorUnits: price, currency: input.currency ?? tenant.defaultCurrency), interval: input.interval,
                includedCredits: credits, taxCode: taxCode, active: true, createdAt: now, updatedAt: now)
            try connection.execute(
                """
                INSERT INTO plans (id, tenant_id, code, name, description, currency, price, interval_months, included_credits,
                    tax_code, active, created_at, updated_at)
                VALUES (\(plan.id), \(tenant.id), \(code), \(name), \(description), \(plan.currency), \(price),
                    \(plan.interval.months), \(credits), \(taxCode), TRUE, \(now), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "plan.created", resourceType: "plan", resourceId: plan.id.uuidString, before: Plan?.none,
                    after: plan),
                by: principal, at: now, on: connection)
            return plan
        }
    }

    /// Changes a plan. Staff only. A new price applies to periods billed from now on.
    public func update(_ id: PlanID, _ input: PlanUpdate, by principal: Principal) async throws -> Plan {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.load(id, tenant: principal.tenantId, on: connection)
            var after = before
            if let name = input.name { after.name = try InputValidation.required(name, field: "name", maximumLength: 100) }
            if let text = input.description {
                after.description = try InputValidation.optional(text, field: "description", maximumLength: 2_000)
            }
            if let price = input.price { after.price = Money(minorUnits: try Self.price(price), currency: before.currency) }
            if let credits = input.includedCredits { after.includedCredits = try Self.credits(credits) }
            if let code = input.taxCode { after.taxCode = try TaxRates.existingCode(code, tenant: principal.tenantId, on: connection) }
            if let active = input.active { after.active = active }
            guard after != before else { return before }
            after.updatedAt = now
            try connection.execute(
                """
                UPDATE plans SET name = \(after.name), description = \(after.description), price = \(after.price.minorUnits),
                    included_credits = \(after.includedCredits), tax_code = \(after.taxCode), active = \(after.active),
                    updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id)
                """)
            try AuditTrail.record(
                try AuditEntry(action: "plan.updated", resourceType: "plan", resourceId: id.uuidString, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// One plan. Clients see active plans only.
    public func get(_ id: PlanID, by principal: Principal) async throws -> Plan {
        try await BillingCatalog.get(by: principal, in: context, missing: "No such plan.", isActive: \.active) { connection in
            try Self.load(id, tenant: principal.tenantId, on: connection)
        }
    }

    /// The plans by name. Clients see active plans only; staff see inactive ones too when
    /// `includeInactive` is set.
    public func list(includeInactive: Bool = false, by principal: Principal) async throws -> [Plan] {
        try await BillingCatalog.list(
            "SELECT * FROM plans WHERE tenant_id = \(principal.tenantId)", orderedBy: " ORDER BY name, code",
            includeInactive: includeInactive, by: principal, in: context, decode: Plan.init(row:))
    }

    // MARK: Shared with subscriptions

    /// The plan.
    /// - Throws: `not_found` (or `invalid` naming `field`, when given) when the tenant has none.
    static func load(_ id: PlanID, tenant: TenantID, field: String? = nil, on connection: any SQLConnection) throws -> Plan {
        guard let row = try connection.queryFirst("SELECT * FROM plans WHERE tenant_id = \(tenant) AND id = \(id)") else {
            if let field { throw PortalError.invalid("No such plan.", field: field) }
            throw PortalError.notFound("No such plan.")
        }
        return try Plan(row: row)
    }

    private static func price(_ price: Int64) throws -> Int64 {
        guard price >= 0 else { throw PortalError.invalid("A price cannot be negative.", field: "price") }
        return price
    }

    private static func credits(_ credits: Int64) throws -> Int64 {
        guard credits >= 0 else { throw PortalError.invalid("Included credits cannot be negative.", field: "included_credits") }
        return credits
    }
}

extension Plan {
    init(row: SQLRow) throws {
        let currency: Currency = try row.get("currency")
        self.init(
            id: try row.get("id"), code: try row.get("code"), name: try row.get("name"),
            description: try row.get("description"), price: try row.money("price", currency),
            interval: try BillingInterval(months: try row.get("interval_months")),
            includedCredits: try row.get("included_credits"), taxCode: try row.get("tax_code"),
            active: try row.get("active"), createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

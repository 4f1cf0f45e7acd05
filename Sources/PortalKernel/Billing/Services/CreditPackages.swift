/// Credit packages: bundles of usage credits companies buy.
///
/// Staff write packages; every user of the tenant may read the active ones. A purchase (staff,
/// or a client with `manageBilling` on the company) is a finalized invoice; the credits are
/// granted when it is paid, once (see ``InvoiceLedger``).
public struct CreditPackages: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates a package. Staff only.
    public func create(_ input: NewCreditPackage, by principal: Principal) async throws -> CreditPackage {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let name = try InputValidation.required(input.name, field: "name", maximumLength: 100)
        let credits = try Self.credits(input.credits)
        let price = try Self.price(input.price)
        let discount = try Self.discount(input.discountPercent ?? .zero)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let package = CreditPackage(
                id: CreditPackageID.generate(at: now), name: name, credits: credits,
                price: Money(minorUnits: price, currency: input.currency ?? tenant.defaultCurrency), discountPercent: discount,
                featured: input.featured ?? false, active: true, sortOrder: input.sortOrder ?? 0,
                taxCode: try TaxRates.existingCode(input.taxCode, tenant: tenant.id, on: connection), createdAt: now, updatedAt: now)
            try connection.execute(
                """
                INSERT INTO credit_packages (id, tenant_id, name, credits, currency, price, discount_ppm, featured, active,
                    sort_order, tax_code, created_at, updated_at)
                VALUES (\(package.id), \(tenant.id), \(name), \(credits), \(package.price.currency), \(price),
                    \(discount.partsPerMillion), \(package.featured), \(package.active), \(package.sortOrder),
                    \(package.taxCode), \(now), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "credit_package.created", resourceType: "credit_package", resourceId: package.id.uuidString,
                    before: CreditPackage?.none, after: package),
                by: principal, at: now, on: connection)
            return package
        }
    }

    /// Changes a package. Staff only.
    public func update(_ id: CreditPackageID, _ input: CreditPackageUpdate, by principal: Principal) async throws -> CreditPackage {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.load(id, tenant: principal.tenantId, on: connection)
            var after = before
            if let name = input.name { after.name = try InputValidation.required(name, field: "name", maximumLength: 100) }
            if let credits = input.credits { after.credits = try Self.credits(credits) }
            if let price = input.price { after.price = Money(minorUnits: try Self.price(price), currency: before.price.currency) }
            if let discount = input.discountPercent { after.discountPercent = try Self.discount(discount) }
            if let featured = input.featured { after.featured = featured }
            if let active = input.active { after.active = active }
            if let order = input.sortOrder { after.sortOrder = order }
            if let code = input.taxCode { after.taxCode = try TaxRates.existingCode(code, tenant: principal.tenantId, on: connection) }
            guard after != before else { return before }
            after.updatedAt = now
            try connection.execute(
                """
                UPDATE credit_packages SET name = \(after.name), credits = \(after.credits), price = \(after.price.minorUnits),
                    discount_ppm = \(after.discountPercent.partsPerMillion), featured = \(after.featured),
                    active = \(after.active), sort_order = \(after.sortOrder), tax_code = \(after.taxCode), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id)
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "credit_package.updated", resourceType: "credit_package", resourceId: id.uuidString,
                    before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// One package. Clients see active packages only.
    public func get(_ id: CreditPackageID, by principal: Principal) async throws -> CreditPackage {
        try await BillingCatalog.get(by: principal, in: context, missing: "No such credit package.", isActive: \.active) { connection in
            try Self.load(id, tenant: principal.tenantId, on: connection)
        }
    }

    /// The packages in shop order (sort order, then name). Clients see active packages only;
    /// staff see inactive ones too when `includeInactive` is set.
    public func list(includeInactive: Bool = false, by principal: Principal) async throws -> [CreditPackage] {
        try await BillingCatalog.list(
            "SELECT * FROM credit_packages WHERE tenant_id = \(principal.tenantId)", orderedBy: " ORDER BY sort_order, name, id",
            includeInactive: includeInactive, by: principal, in: context, decode: CreditPackage.init(row:))
    }

    /// Buys an active package for a company: a finalized credit-purchase invoice with one line at
    /// the package price less the package discount (the company's standing discount does not
    /// apply on top), carrying the package's credits, which are granted when it is paid.
    ///
    /// Staff, or a client with `manageBilling` on the company (`forbidden` for other members,
    /// `not_found` for other companies).
    public func purchase(_ id: CreditPackageID, for company: CompanyID, by principal: Principal) async throws -> Invoice {
        try AccessPolicy.authorize(principal, .manageBilling, on: .company(company))
        let now = context.now
        let context = self.context
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let package = try Self.load(id, tenant: tenant.id, on: connection)
            guard package.active else { throw PortalError.invalid("The credit package is not on sale.", field: "package_id") }
            let line = InvoiceComposer.Item(
                id: nil, description: "\(package.name) (\(package.credits) credits)", quantity: 1, unitAmount: package.price,
                discountPercent: package.discountPercent, taxCode: package.taxCode, periodStart: nil, periodEnd: nil)
            return try Invoices.issue(
                Invoices.DraftHeader(
                    companyId: company, kind: .creditPurchase, currency: package.price.currency,
                    issueDate: tenant.timeZone.localDate(of: now), applyCompanyDiscount: false,
                    creditsOnPayment: package.credits),
                items: [line], tenant: tenant, context: context, by: principal, at: now, on: connection)
        }
    }

    static func load(_ id: CreditPackageID, tenant: TenantID, on connection: any SQLConnection) throws -> CreditPackage {
        guard let row = try connection.queryFirst("SELECT * FROM credit_packages WHERE tenant_id = \(tenant) AND id = \(id)") else {
            throw PortalError.notFound("No such credit package.")
        }
        return try CreditPackage(row: row)
    }

    private static func credits(_ credits: Int64) throws -> Int64 {
        guard credits > 0 else { throw PortalError.invalid("A package has at least one credit.", field: "credits") }
        return credits
    }

    private static func price(_ price: Int64) throws -> Int64 {
        guard price >= 0 else { throw PortalError.invalid("A price cannot be negative.", field: "price") }
        return price
    }

    private static func discount(_ discount: Percentage) throws -> Percentage {
        guard discount >= .zero, discount <= .hundred else {
            throw PortalError.invalid("A discount is from 0 to 100 percent.", field: "discount_percent")
        }
        return discount
    }
}

extension CreditPackage {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), name: try row.get("name"), credits: try row.get("credits"),
            price: try row.money("price", try row.get("currency")),
            discountPercent: Percentage(partsPerMillion: try row.get("discount_ppm")), featured: try row.get("featured"),
            active: try row.get("active"), sortOrder: try row.get("sort_order"), taxCode: try row.get("tax_code"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

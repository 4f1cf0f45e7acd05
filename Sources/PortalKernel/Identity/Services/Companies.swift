/// The tenant's client companies: create, read, list and update.
public struct Companies: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Creates a company with the next account number (`CT-2026-00017`). Staff only.
    public func create(_ input: CompanyInput, by principal: Principal) async throws -> Company {
        try AccessPolicy.authorize(principal, .createCompany, on: .tenant)
        let now = context.now
        let fields = try CompanyFields(validating: input, requireName: true)
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let created = tenant.timeZone.localDate(of: now)
            let year = String(created.year)
            let value = try NumberSequence.next("company_account", tenant: tenant.id, period: year, on: connection)
            let number = NumberFormat("\(tenant.accountPrefix)-{yyyy}-{n:5}").format(value, period: year, date: created)
            let company = fields.apply(to: Company(
                id: CompanyID.generate(at: now), tenantId: tenant.id, accountNumber: number, name: "", status: .active,
                type: .client, discount: 0, createdAt: now, updatedAt: now))
            try connection.execute(
                """
                INSERT INTO companies (id, tenant_id, account_number, name, industry, size, website, logo_url, billing_address,
                    tax_id, billing_email, status, company_type, discount_ppm, created_at, updated_at)
                VALUES (\(company.id), \(tenant.id), \(number), \(company.name), \(company.industry), \(company.size),
                    \(company.website), \(company.logoUrl), \(try Self.addressText(company.billingAddress)), \(company.taxId),
                    \(company.billingEmail), \(company.status.rawValue), \(company.type.rawValue),
                    \(company.discount.partsPerMillion), \(now), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "company.created", resourceType: "company", resourceId: company.id.uuidString, companyId: company.id,
                    before: Company?.none, after: company),
                by: principal, at: now, on: connection)
            return company
        }
    }

    /// One company, if the principal may read it.
    public func get(_ id: CompanyID, by principal: Principal) async throws -> Company {
        try await context.database.read(principal.scope) { connection in
            try Self.loadVisible(id, by: principal, action: .readCompany, on: connection)
        }
    }

    /// The companies the principal may read: all for staff, their own companies for others.
    public func list(_ options: CompanyListOptions, page: PageRequest, by principal: Principal) async throws -> Page<Company> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable = AccessPolicy.companies(principal, allowing: .readCompany)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        return try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM companies WHERE tenant_id = \(principal.tenantId)"
            if let reachable { statement.append(" AND id IN (\(list: Array(reachable)))") }
            if let status = options.status { statement.append(" AND status = \(status.rawValue)") }
            if let type = options.type { statement.append(" AND company_type = \(type.rawValue)") }
            if let since = options.updatedSince { statement.append(" AND updated_at >= \(since)") }
            if let search = options.search {
                statement.append(" AND (\(SQLSearch.contains("name", search)) OR \(SQLSearch.contains("account_number", search)))")
            }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), Company.init(row:))
        }
    }

    /// Changes a company. Owners and admins may change its details; only staff may change its
    /// status, type and discount.
    public func update(_ id: CompanyID, _ input: CompanyInput, by principal: Principal) async throws -> Company {
        let fields = try CompanyFields(validating: input, requireName: false)
        if fields.touchesCommercialTerms && !principal.isStaff {
            try AccessPolicy.authorize(principal, .readCompany, on: .company(id))
            throw PortalError.forbidden("Only staff may change a company's status, type or discount.")
        }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.loadVisible(id, by: principal, action: .updateCompany, on: connection)
            var after = fields.apply(to: before)
            guard after != before else { return before }
            after.updatedAt = now
            try connection.execute(
                """
                UPDATE companies SET name = \(after.name), industry = \(after.industry), size = \(after.size),
                    website = \(after.website), logo_url = \(after.logoUrl),
                    billing_address = \(try Self.addressText(after.billingAddress)), tax_id = \(after.taxId),
                    billing_email = \(after.billingEmail), status = \(after.status.rawValue),
                    company_type = \(after.type.rawValue), discount_ppm = \(after.discount.partsPerMillion), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id)
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "company.updated", resourceType: "company", resourceId: id.uuidString, companyId: id,
                    before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Loads a company the principal may perform `action` on; hidden companies are `not_found`.
    static func loadVisible(
        _ id: CompanyID, by principal: Principal, action: AccessAction, on connection: any SQLConnection
    ) throws -> Company {
        try AccessPolicy.authorize(principal, action, on: .company(id))
        guard let row = try connection.queryFirst(
            "SELECT * FROM companies WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
        else { throw PortalError.notFound("No such company.") }
        return try Company(row: row)
    }

    /// Checks the company exists and, where writers run concurrently, locks its row until the
    /// transaction ends. Changes that must happen one after the other per company take it first:
    /// membership changes (and the owner count they rely on), and money and credit movements
    /// (so one balance is read and spent by one transaction at a time).
    static func lock(_ company: CompanyID, tenant: TenantID, on connection: any SQLConnection) throws {
        guard try connection.queryFirst(
            "SELECT id FROM companies WHERE tenant_id = \(tenant) AND id = \(company)\(connection.dialect.rowLockClause)") != nil
        else { throw PortalError.notFound("No such company.") }
    }

    static func addressText(_ address: PostalAddress?) throws -> String? {
        try address.map { try JSONCoding.encodeToString($0) }
    }
}

/// A company's fields as sent by a client: all optional; on create `name` is required.
/// On update, absent fields stay as they are and empty text clears an optional field.
public struct CompanyInput: Sendable, Codable {
    public var name: String?
    public var industry: String?
    public var size: String?
    public var website: String?
    public var logoUrl: String?
    public var billingAddress: PostalAddress?
    public var taxId: String?
    public var billingEmail: String?
    /// `active`, `suspended` or `closed` (staff only).
    public var status: String?
    /// `client`, `prospect`, `partner` or `reseller` (staff only).
    public var type: String?
    /// A percent from 0 to 100 such as `"10"` or `"12.5"` (staff only).
    public var discount: String?

    public init(
        name: String? = nil, industry: String? = nil, size: String? = nil, website: String? = nil, logoUrl: String? = nil,
        billingAddress: PostalAddress? = nil, taxId: String? = nil, billingEmail: String? = nil, status: String? = nil,
        type: String? = nil, discount: String? = nil
    ) {
        self.name = name
        self.industry = industry
        self.size = size
        self.website = website
        self.logoUrl = logoUrl
        self.billingAddress = billingAddress
        self.taxId = taxId
        self.billingEmail = billingEmail
        self.status = status
        self.type = type
        self.discount = discount
    }
}

/// Filters and order of a company list.
public struct CompanyListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt, .name, .accountNumber]

    public var sort: ListSort
    public var status: CompanyStatus?
    public var type: CompanyType?
    public var updatedSince: Instant?
    /// Part of the name or account number, case-insensitive.
    public var search: String?

    public init(
        sort: ListSort = ListSort(.createdAt), status: CompanyStatus? = nil, type: CompanyType? = nil,
        updatedSince: Instant? = nil, search: String? = nil
    ) {
        self.sort = sort
        self.status = status
        self.type = type
        self.updatedSince = updatedSince
        self.search = search
    }
}

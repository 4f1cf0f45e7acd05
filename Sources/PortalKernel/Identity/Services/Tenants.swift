/// Creating tenants and reading and changing their settings.
public struct Tenants: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Creates a tenant. Only an installation's operator does this (`portal-cli tenant create`).
    public func create(_ input: NewTenant, operatorName: String) async throws -> Tenant {
        let now = context.now
        let id = TenantID.generate(at: now)
        let tenant = Tenant(
            id: id, name: try InputValidation.required(input.name, field: "name"),
            slug: try InputValidation.slug(input.slug),
            defaultCurrency: try Currency(code: input.defaultCurrency ?? "USD", field: "default_currency"),
            timeZone: try TenantTimeZone(input.timeZone ?? "UTC", field: "time_zone"),
            billingDays: try Self.billingDays(input.billingDays ?? [1]),
            invoicePrefix: try Self.prefix(input.invoicePrefix ?? "INV", field: "invoice_prefix"),
            accountPrefix: try Self.prefix(input.accountPrefix ?? "CT", field: "account_prefix"),
            requireTwoFactorForStaff: input.requireTwoFactorForStaff ?? false,
            requireTwoFactorForOwners: input.requireTwoFactorForOwners ?? false, createdAt: now, updatedAt: now)
        let principal = Principal.operator(tenant: id, name: operatorName)
        // Across tenants: the slug must be unique among all of them.
        return try await context.database.write(.allTenants) { connection in
            if try connection.queryFirst("SELECT 1 AS taken FROM tenants WHERE slug = \(tenant.slug)") != nil {
                throw PortalError.conflict("A tenant with this slug exists.", field: "slug")
            }
            try connection.execute(
                """
                INSERT INTO tenants (id, tenant_id, name, slug, default_currency, time_zone, billing_days, invoice_prefix,
                    account_prefix, require_two_factor_staff, require_two_factor_owners, created_at, updated_at)
                VALUES (\(id), \(id), \(tenant.name), \(tenant.slug), \(tenant.defaultCurrency), \(tenant.timeZone.identifier),
                    \(Self.text(tenant.billingDays)), \(tenant.invoicePrefix), \(tenant.accountPrefix),
                    \(tenant.requireTwoFactorForStaff), \(tenant.requireTwoFactorForOwners), \(now), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(action: "tenant.created", resourceType: "tenant", resourceId: id.uuidString, before: Tenant?.none, after: tenant),
                by: principal, at: now, on: connection)
            return tenant
        }
    }

    /// The principal's tenant.
    public func current(by principal: Principal) async throws -> Tenant {
        try AccessPolicy.authorize(principal, .readTenant, on: .tenant)
        return try await context.database.read(principal.scope) { connection in
            try Self.load(principal.tenantId, on: connection)
        }
    }

    /// Finds a tenant by its slug, across tenants (sign-in and operator commands start here).
    public func find(slug: String) async throws -> Tenant? {
        try await context.database.read(.allTenants) { connection in
            try connection.queryFirst("SELECT * FROM tenants WHERE slug = \(slug)").map(Tenant.init(row:))
        }
    }

    /// Every tenant of the installation, by slug (operators only).
    public func all() async throws -> [Tenant] {
        try await context.database.read(.allTenants) { connection in
            try connection.query("SELECT * FROM tenants ORDER BY slug").map(Tenant.init(row:))
        }
    }

    /// Changes the principal's tenant's settings (staff only).
    public func update(_ input: TenantUpdate, by principal: Principal) async throws -> Tenant {
        try AccessPolicy.authorize(principal, .manageTenant, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.load(principal.tenantId, on: connection)
            var after = before
            if let name = input.name { after.name = try InputValidation.required(name, field: "name") }
            if let code = input.defaultCurrency { after.defaultCurrency = try Currency(code: code, field: "default_currency") }
            if let zone = input.timeZone { after.timeZone = try TenantTimeZone(zone, field: "time_zone") }
            if let days = input.billingDays { after.billingDays = try Self.billingDays(days) }
            if let prefix = input.invoicePrefix { after.invoicePrefix = try Self.prefix(prefix, field: "invoice_prefix") }
            if let prefix = input.accountPrefix { after.accountPrefix = try Self.prefix(prefix, field: "account_prefix") }
            if let flag = input.requireTwoFactorForStaff { after.requireTwoFactorForStaff = flag }
            if let flag = input.requireTwoFactorForOwners { after.requireTwoFactorForOwners = flag }
            guard after != before else { return before }
            after.updatedAt = now
            try connection.execute(
                """
                UPDATE tenants SET name = \(after.name), default_currency = \(after.defaultCurrency),
                    time_zone = \(after.timeZone.identifier), billing_days = \(Self.text(after.billingDays)),
                    invoice_prefix = \(after.invoicePrefix), account_prefix = \(after.accountPrefix),
                    require_two_factor_staff = \(after.requireTwoFactorForStaff),
                    require_two_factor_owners = \(after.requireTwoFactorForOwners), updated_at = \(now)
                WHERE id = \(principal.tenantId)
                """)
            try AuditTrail.record(
                try AuditEntry(action: "tenant.updated", resourceType: "tenant", resourceId: after.id.uuidString, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    static func load(_ id: TenantID, on connection: any SQLConnection) throws -> Tenant {
        guard let row = try connection.queryFirst("SELECT * FROM tenants WHERE id = \(id)") else {
            throw PortalError.notFound("No such tenant.")
        }
        return try Tenant(row: row)
    }

    static func billingDays(_ days: [Int]) throws -> [Int] {
        guard !days.isEmpty, days.allSatisfy({ (1...31).contains($0) }), Set(days).count == days.count else {
            throw PortalError.invalid("billing_days must be distinct days of the month from 1 to 31.", field: "billing_days")
        }
        return days.sorted()
    }

    static func prefix(_ text: String, field: String) throws -> String {
        guard (1...10).contains(text.count), text.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw PortalError.invalid("\(field) must be 1 to 10 uppercase letters or digits.", field: field)
        }
        return text
    }

    static func text(_ days: [Int]) -> String { days.map(String.init).joined(separator: ",") }
}

/// The settings of a new tenant. Only the name and slug are required.
public struct NewTenant: Sendable, Codable {
    public var name: String?
    public var slug: String?
    /// ISO 4217 code; `USD` when absent.
    public var defaultCurrency: String?
    /// IANA time zone; `UTC` when absent.
    public var timeZone: String?
    /// Days of the month subscriptions may bill on; `[1]` when absent.
    public var billingDays: [Int]?
    public var invoicePrefix: String?
    public var accountPrefix: String?
    public var requireTwoFactorForStaff: Bool?
    public var requireTwoFactorForOwners: Bool?

    public init(
        name: String?, slug: String?, defaultCurrency: String? = nil, timeZone: String? = nil, billingDays: [Int]? = nil,
        invoicePrefix: String? = nil, accountPrefix: String? = nil, requireTwoFactorForStaff: Bool? = nil,
        requireTwoFactorForOwners: Bool? = nil
    ) {
        self.name = name
        self.slug = slug
        self.defaultCurrency = defaultCurrency
        self.timeZone = timeZone
        self.billingDays = billingDays
        self.invoicePrefix = invoicePrefix
        self.accountPrefix = accountPrefix
        self.requireTwoFactorForStaff = requireTwoFactorForStaff
        self.requireTwoFactorForOwners = requireTwoFactorForOwners
    }
}

/// Changes to a tenant's settings; absent fields stay as they are.
public struct TenantUpdate: Sendable, Codable {
    public var name: String?
    public var defaultCurrency: String?
    public var timeZone: String?
    public var billingDays: [Int]?
    public var invoicePrefix: String?
    public var accountPrefix: String?
    public var requireTwoFactorForStaff: Bool?
    public var requireTwoFactorForOwners: Bool?

    public init() {}
}

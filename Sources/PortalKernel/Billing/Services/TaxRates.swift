/// A tenant's tax rates and their versions.
public struct TaxRates: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Adds a version of rate `code` taking effect on `validFrom`: a new rate, or a change of an
    /// existing one from that date. Invoices dated earlier keep the version they were issued with.
    /// Staff only.
    public func create(_ input: NewTaxRate, by principal: Principal) async throws -> TaxRate {
        try AccessPolicy.authorize(principal, .manageTenant, on: .tenant)
        let code = try InputValidation.code(input.code, field: "code")
        let name = try InputValidation.required(input.name, field: "name", maximumLength: 100)
        guard input.percent >= .zero, input.percent <= .hundred else {
            throw PortalError.invalid("A tax rate is from 0 to 100 percent.", field: "percent")
        }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            if try connection.queryFirst(
                "SELECT id FROM tax_rates WHERE tenant_id = \(principal.tenantId) AND code = \(code) AND valid_from = \(input.validFrom)"
            ) != nil {
                throw PortalError.conflict("Rate \(code) already has a version from \(input.validFrom).", field: "valid_from")
            }
            let rate = TaxRate(
                id: TaxRateID.generate(at: now), code: code, name: name, percent: input.percent, inclusive: input.inclusive,
                validFrom: input.validFrom, validUntil: nil, createdAt: now)
            try connection.execute(
                """
                INSERT INTO tax_rates (id, tenant_id, code, name, percent_ppm, inclusive, valid_from, created_at)
                VALUES (\(rate.id), \(principal.tenantId), \(code), \(name), \(rate.percent.partsPerMillion), \(rate.inclusive),
                    \(rate.validFrom), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "tax_rate.created", resourceType: "tax_rate", resourceId: rate.id.uuidString,
                    before: TaxRate?.none, after: rate),
                by: principal, at: now, on: connection)
            return try Self.versions(of: code, tenant: principal.tenantId, on: connection).first { $0.id == rate.id } ?? rate
        }
    }

    /// Every version of every rate, by code and then date. Any user of the tenant may read them.
    public func list(by principal: Principal) async throws -> [TaxRate] {
        try AccessPolicy.authorize(principal, .readTenant, on: .tenant)
        return try await context.database.read(principal.scope) { connection in
            try Self.all(tenant: principal.tenantId, on: connection)
        }
    }

    /// A tax code the tenant has a rate for (any version), or nil for absent or blank text.
    /// - Throws: `invalid` with field `tax_code` for a malformed or unknown code.
    static func existingCode(_ text: String?, tenant: TenantID, on connection: any SQLConnection) throws -> String? {
        guard let text = try InputValidation.optional(text, field: "tax_code") else { return nil }
        let code = try InputValidation.code(text, field: "tax_code")
        guard try connection.queryFirst("SELECT id FROM tax_rates WHERE tenant_id = \(tenant) AND code = \(code)") != nil else {
            throw PortalError.invalid("No tax rate '\(code)' exists.", field: "tax_code")
        }
        return code
    }

    /// The version of `code` in force on `date`.
    /// - Throws: `invalid` naming `field` when there is none.
    static func resolve(
        _ code: String, on date: LocalDate, tenant: TenantID, field: String, connection: any SQLConnection
    ) throws -> AppliedTax {
        guard let version = try versions(of: code, tenant: tenant, on: connection).last(where: { $0.validFrom <= date }) else {
            throw PortalError.invalid("No tax rate '\(code)' is in force on \(date).", field: field)
        }
        return version.applied
    }

    static func versions(of code: String, tenant: TenantID, on connection: any SQLConnection) throws -> [TaxRate] {
        try withValidity(try connection.query(
            "SELECT * FROM tax_rates WHERE tenant_id = \(tenant) AND code = \(code) ORDER BY valid_from"
        ).map(TaxRate.init(row:)))
    }

    static func all(tenant: TenantID, on connection: any SQLConnection) throws -> [TaxRate] {
        let rows = try connection.query("SELECT * FROM tax_rates WHERE tenant_id = \(tenant) ORDER BY code, valid_from")
        let rates = try rows.map(TaxRate.init(row:))
        return try Dictionary(grouping: rates, by: \.code).keys.sorted().flatMap { code in
            try withValidity(rates.filter { $0.code == code })
        }
    }

    /// Fills in each version's end from the next version's start.
    private static func withValidity(_ versions: [TaxRate]) throws -> [TaxRate] {
        versions.enumerated().map { index, version in
            var version = version
            version.validUntil = index + 1 < versions.count ? versions[index + 1].validFrom : nil
            return version
        }
    }
}

/// A tax rate version to add.
public struct NewTaxRate: Sendable, Hashable, Codable {
    /// Short code shared by the rate's versions (`VAT`).
    public var code: String
    /// Printed on invoices (`VAT 15%`).
    public var name: String
    public var percent: Percentage
    public var inclusive: Bool
    public var validFrom: LocalDate

    public init(code: String, name: String, percent: Percentage, inclusive: Bool = false, validFrom: LocalDate) {
        self.code = code
        self.name = name
        self.percent = percent
        self.inclusive = inclusive
        self.validFrom = validFrom
    }
}

import Foundation

// Reading identity records from their rows. Column names match the schema in
// `PortalSchema+Identity.swift`.

extension Tenant {
    init(row: SQLRow) throws {
        let days: String = try row.get("billing_days")
        self.init(
            id: try row.get("id"), name: try row.get("name"), slug: try row.get("slug"),
            defaultCurrency: try row.get("default_currency"),
            timeZone: try TenantTimeZone(try row.get("time_zone", as: String.self)),
            billingDays: days.split(separator: ",").compactMap { Int($0) },
            invoicePrefix: try row.get("invoice_prefix"), accountPrefix: try row.get("account_prefix"),
            requireTwoFactorForStaff: try row.get("require_two_factor_staff"),
            requireTwoFactorForOwners: try row.get("require_two_factor_owners"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

extension User {
    /// The columns read by ``init(row:)``: never the password hash or TOTP secrets.
    static let columns =
        "id, tenant_id, email, name, kind, agency_id, status, totp_enabled_at, last_login_at, created_at, updated_at"

    init(row: SQLRow) throws {
        let enabledAt: Instant? = try row.get("totp_enabled_at")
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), email: try row.get("email"), name: try row.get("name"),
            kind: try row.enumeration("kind"), agencyId: try row.get("agency_id"), status: try row.enumeration("status"),
            twoFactorEnabled: enabledAt != nil, lastLoginAt: try row.get("last_login_at"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

extension Company {
    init(row: SQLRow) throws {
        let address: String? = try row.get("billing_address")
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), accountNumber: try row.get("account_number"),
            name: try row.get("name"), industry: try row.get("industry"), size: try row.get("size"),
            website: try row.get("website"), logoUrl: try row.get("logo_url"),
            billingAddress: try address.map { try JSONCoding.decode(PostalAddress.self, from: $0) },
            taxId: try row.get("tax_id"), billingEmail: try row.get("billing_email"), status: try row.enumeration("status"),
            type: try row.enumeration("company_type"), discount: Percentage(partsPerMillion: try row.get("discount_ppm")),
            currentContractId: try row.get("current_contract_id"), createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}

extension Contact {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), companyId: try row.get("company_id"),
            name: try row.get("name"), email: try row.get("email"), phone: try row.get("phone"), title: try row.get("title"),
            userId: try row.get("user_id"), createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

extension CompanyMembership {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), companyId: try row.get("company_id"),
            userId: try row.get("user_id"), role: try row.enumeration("role"), permissions: try CompanyPermissions(row: row),
            invitedBy: try row.get("invited_by"), createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

extension CompanyPermissions {
    init(row: SQLRow) throws {
        self.init(
            canApproveDevelopers: try row.get("can_approve_developers"), canSignContracts: try row.get("can_sign_contracts"),
            canManageBilling: try row.get("can_manage_billing"))
    }
}

extension Agency {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), name: try row.get("name"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

extension SQLRow {
    /// A string-backed enumeration column; an unknown value is a bug or a newer schema: `internal`.
    func enumeration<Value: RawRepresentable>(_ column: String) throws -> Value where Value.RawValue == String {
        let raw: String = try get(column)
        guard let value = Value(rawValue: raw) else {
            throw PortalError.internal(debugDetail: "unknown \(column) value in storage")
        }
        return value
    }
}

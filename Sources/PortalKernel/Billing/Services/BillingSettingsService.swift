import Foundation

/// Reads and changes a tenant's ``BillingSettings``.
public struct BillingSettingsService: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// The tenant's settings (defaults until changed). Any user of the tenant may read them.
    public func get(by principal: Principal) async throws -> BillingSettings {
        try AccessPolicy.authorize(principal, .readTenant, on: .tenant)
        return try await context.database.read(principal.scope) { connection in
            try Self.load(principal.tenantId, on: connection)
        }
    }

    /// Replaces the settings. Staff only.
    public func update(_ settings: BillingSettings, by principal: Principal) async throws -> BillingSettings {
        try AccessPolicy.authorize(principal, .manageTenant, on: .tenant)
        try Self.validate(settings)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.load(principal.tenantId, on: connection)
            let address = try JSONCoding.encodeToString(settings.sellerAddress)
            try connection.execute(
                """
                INSERT INTO billing_settings (tenant_id, payment_terms_days, invoice_lead_days, allow_negative_credits,
                    upgrade_timing, downgrade_timing, seller_address, seller_tax_id, seller_email, invoice_footer, updated_at)
                VALUES (\(principal.tenantId), \(settings.paymentTermsDays), \(settings.invoiceLeadDays),
                    \(settings.allowNegativeCredits), \(settings.upgradeTiming.rawValue), \(settings.downgradeTiming.rawValue),
                    \(address), \(settings.sellerTaxId), \(settings.sellerEmail), \(settings.invoiceFooter), \(now))
                ON CONFLICT (tenant_id) DO UPDATE SET payment_terms_days = excluded.payment_terms_days,
                    invoice_lead_days = excluded.invoice_lead_days, allow_negative_credits = excluded.allow_negative_credits,
                    upgrade_timing = excluded.upgrade_timing, downgrade_timing = excluded.downgrade_timing,
                    seller_address = excluded.seller_address, seller_tax_id = excluded.seller_tax_id,
                    seller_email = excluded.seller_email, invoice_footer = excluded.invoice_footer,
                    updated_at = excluded.updated_at
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "billing_settings.updated", resourceType: "billing_settings",
                    resourceId: principal.tenantId.uuidString, before: before, after: settings),
                by: principal, at: now, on: connection)
            return settings
        }
    }

    static func load(_ tenant: TenantID, on connection: any SQLConnection) throws -> BillingSettings {
        guard let row = try connection.queryFirst("SELECT * FROM billing_settings WHERE tenant_id = \(tenant)") else {
            return BillingSettings()
        }
        let address: String? = try row.get("seller_address")
        return BillingSettings(
            paymentTermsDays: try row.get("payment_terms_days"), invoiceLeadDays: try row.get("invoice_lead_days"),
            allowNegativeCredits: try row.get("allow_negative_credits"),
            upgradeTiming: try row.enumeration("upgrade_timing"), downgradeTiming: try row.enumeration("downgrade_timing"),
            sellerAddress: try address.map { try JSONCoding.decode([String].self, from: $0) } ?? [],
            sellerTaxId: try row.get("seller_tax_id"), sellerEmail: try row.get("seller_email"),
            invoiceFooter: try row.get("invoice_footer"))
    }

    static func validate(_ settings: BillingSettings) throws {
        guard (0...365).contains(settings.paymentTermsDays) else {
            throw PortalError.invalid("Payment terms are 0 to 365 days.", field: "payment_terms_days")
        }
        guard (0...90).contains(settings.invoiceLeadDays) else {
            throw PortalError.invalid("Invoices are generated 0 to 90 days ahead.", field: "invoice_lead_days")
        }
        guard settings.sellerAddress.count <= 8, settings.sellerAddress.allSatisfy({ $0.count <= 200 }) else {
            throw PortalError.invalid("The address has at most 8 lines of 200 characters.", field: "seller_address")
        }
        if let footer = settings.invoiceFooter, footer.count > 2_000 {
            throw PortalError.invalid("The invoice footer is at most 2,000 characters.", field: "invoice_footer")
        }
    }
}

/// The ways a tenant lets companies pay, per gateway and country, and the instructions a payer
/// gets for one invoice.
public struct PaymentMethods: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates or replaces the method for its gateway and country. Staff only.
    public func configure(_ input: PaymentMethodInput, by principal: Principal) async throws -> PaymentMethod {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let gateway = try InputValidation.code(input.gateway ?? "manual", field: "gateway")
        let country = try Self.country(input.country)
        let name = try InputValidation.required(input.displayName, field: "display_name", maximumLength: 100)
        let instructions = try InputValidation.optional(input.instructions, field: "instructions", maximumLength: 1_000)
        let details = input.details ?? []
        guard details.count <= 20 else { throw PortalError.invalid("At most 20 details.", field: "details") }
        for (index, detail) in details.enumerated() {
            _ = try InputValidation.required(detail.label, field: "details[\(index)].label", maximumLength: 100)
            _ = try InputValidation.required(detail.value, field: "details[\(index)].value", maximumLength: 200)
        }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let existing = try Self.load(gateway: gateway, country: country, tenant: principal.tenantId, on: connection)
            let method = PaymentMethod(
                id: existing?.id ?? PaymentMethodID.generate(at: now), gateway: gateway, country: country,
                enabled: input.enabled ?? true, displayName: name, instructions: instructions, details: details,
                sortOrder: input.sortOrder ?? existing?.sortOrder ?? 0, createdAt: existing?.createdAt ?? now, updatedAt: now)
            try connection.execute(
                """
                INSERT INTO payment_methods (id, tenant_id, gateway, country, enabled, display_name, instructions, details,
                    sort_order, created_at, updated_at)
                VALUES (\(method.id), \(principal.tenantId), \(gateway), \(country), \(method.enabled), \(name), \(instructions),
                    \(try JSONCoding.encodeToString(details)), \(method.sortOrder), \(method.createdAt), \(now))
                ON CONFLICT (tenant_id, gateway, country) DO UPDATE SET enabled = excluded.enabled,
                    display_name = excluded.display_name, instructions = excluded.instructions, details = excluded.details,
                    sort_order = excluded.sort_order, updated_at = excluded.updated_at
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: existing == nil ? "payment_method.created" : "payment_method.updated", resourceType: "payment_method",
                    resourceId: method.id.uuidString, before: existing, after: method),
                by: principal, at: now, on: connection)
            return method
        }
    }

    /// Staff see every method; other users see the enabled ones, for `country` when given (with
    /// the `*` methods as fallback), in sort order.
    public func list(country: String? = nil, by principal: Principal) async throws -> [PaymentMethod] {
        try AccessPolicy.authorize(principal, .readTenant, on: .tenant)
        let country = try country.map { try Self.country($0) }
        return try await context.database.read(principal.scope) { connection in
            try Self.available(country: country, includeDisabled: principal.isStaff, tenant: principal.tenantId, on: connection)
        }
    }

    /// What the payer of `invoiceID` must do to pay by `gateway` (bank details and the reference
    /// to quote, for the manual gateway), from the method configured for the company's country.
    public func instructions(for invoiceID: InvoiceID, gateway: String = "manual", by principal: Principal) async throws -> PaymentGatewayStart {
        try await start(for: invoiceID, gateway: gateway, by: principal).start
    }

    /// Starts paying what is due on `invoiceID` ("pay now") through `gateway`, or, when absent,
    /// through the tenant's first enabled method for the company's country (the `*` methods as
    /// fallback). Returns what the payer must do next: instructions, or a redirect.
    ///
    /// - Throws: `conflict` when nothing is due; `not_found` (field `gateway`) when no method is
    ///   configured; `unavailable` when the gateway's plugin is not enabled.
    public func start(for invoiceID: InvoiceID, gateway: String?, by principal: Principal) async throws -> PaymentStart {
        let (invoice, method) = try await context.database.read(principal.scope) { connection in
            let invoice = try InvoiceStore.loadVisible(invoiceID, by: principal, on: connection)
            guard invoice.status.isCollectible, invoice.amountDue.isPositive else {
                throw PortalError.conflict("Nothing is due on this invoice.", field: "invoice_id")
            }
            let company = try Companies.loadVisible(invoice.companyId, by: principal, action: .readBilling, on: connection)
            // A company without a country gets the methods for any country (`*`), never another country's.
            let country = company.billingAddress?.country?.uppercased() ?? "*"
            guard let method = try Self.available(
                country: country, includeDisabled: false, tenant: principal.tenantId, on: connection
            ).first(where: { gateway == nil || $0.gateway == gateway }) else {
                throw PortalError.notFound("No payment method is configured for this company.", field: "gateway")
            }
            return (invoice, method)
        }
        let plugin = try context.plugins.paymentGateway(method.gateway)
        var settings = ["display_name": method.displayName, "details": try JSONCoding.encodeToString(method.details)]
        if let instructions = method.instructions { settings["instructions"] = instructions }
        let account = ProviderAccount(id: method.id.uuidString, tenantID: principal.tenantId, settings: settings)
        let request = PaymentGatewayRequest(
            paymentID: invoice.id.uuidString,
            // Per invoice and amount: a repeated click replays the attempt, a later balance is a new one.
            idempotencyKey: "invoice-\(invoice.id.uuidString)-\(invoice.amountDue.minorUnits)", amount: invoice.amountDue,
            description: "Invoice \(invoice.number ?? "")", invoiceNumber: invoice.number,
            metadata: invoice.dueDate.map { ["due_date": $0.iso8601] } ?? [:])
        let start = try await plugin.startPayment(request, account: account)
        return PaymentStart(
            invoiceId: invoice.id, invoiceNumber: invoice.number, amount: invoice.amountDue, gateway: method.gateway, start: start)
    }

    // MARK: Storage

    static func available(
        country: String?, includeDisabled: Bool, tenant: TenantID, on connection: any SQLConnection
    ) throws -> [PaymentMethod] {
        var statement: SQLStatement = "SELECT * FROM payment_methods WHERE tenant_id = \(tenant)"
        if !includeDisabled { statement.append(" AND enabled = \(true)") }
        statement.append(" ORDER BY sort_order, display_name, id")
        let all = try connection.query(statement).map(PaymentMethod.init(row:))
        guard let country else { return all }
        let own = all.filter { $0.country == country }
        let gateways = Set(own.map(\.gateway))
        return (own + all.filter { $0.country == "*" && !gateways.contains($0.gateway) }).sorted { $0.sortOrder < $1.sortOrder }
    }

    static func load(gateway: String, country: String, tenant: TenantID, on connection: any SQLConnection) throws -> PaymentMethod? {
        try connection.queryFirst(
            "SELECT * FROM payment_methods WHERE tenant_id = \(tenant) AND gateway = \(gateway) AND country = \(country)"
        ).map(PaymentMethod.init(row:))
    }

    static func country(_ value: String?) throws -> String {
        let text = try InputValidation.required(value, field: "country", maximumLength: 2).uppercased()
        guard text == "*" || (text.count == 2 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }) else {
            throw PortalError.invalid("A country is an ISO 3166-1 alpha-2 code such as ZA, or * for all.", field: "country")
        }
        return text
    }
}

extension PaymentMethod {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), gateway: try row.get("gateway"), country: try row.get("country"),
            enabled: try row.get("enabled"), displayName: try row.get("display_name"), instructions: try row.get("instructions"),
            details: try JSONCoding.decode([PaymentGatewayLabeledValue].self, from: try row.get("details", as: String.self)),
            sortOrder: try row.get("sort_order"), createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

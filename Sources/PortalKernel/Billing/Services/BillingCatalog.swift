/// The reads ``Plans`` and ``CreditPackages`` share: both are a tenant's catalogue, which clients
/// see only while an item is active and staff see whole.
enum BillingCatalog {
    /// One item, loaded by `load`; `not_found` with `missing` when a client asks for an inactive one.
    static func get<Item: Sendable>(
        by principal: Principal, in context: BillingContext, missing: String,
        isActive: @escaping @Sendable (Item) -> Bool,
        load: @escaping @Sendable (any SQLConnection) throws -> Item
    ) async throws -> Item {
        try AccessPolicy.authorize(principal, .readTenant, on: .tenant)
        return try await context.database.read(principal.scope) { connection in
            let item = try load(connection)
            guard isActive(item) || principal.isStaff else { throw PortalError.notFound(missing) }
            return item
        }
    }

    /// The rows `select` finds, in `order`: active ones only, unless a staff principal asks for
    /// `includeInactive`. `select` ends in a `WHERE` clause the `active` condition is added to:
    ///
    /// ```swift
    /// try await BillingCatalog.list(
    ///     "SELECT * FROM plans WHERE tenant_id = \(principal.tenantId)", orderedBy: " ORDER BY name, code",
    ///     includeInactive: includeInactive, by: principal, in: context, decode: Plan.init(row:))
    /// ```
    static func list<Item: Sendable>(
        _ select: SQLStatement, orderedBy order: SQLStatement, includeInactive: Bool, by principal: Principal,
        in context: BillingContext, decode: @escaping @Sendable (SQLRow) throws -> Item
    ) async throws -> [Item] {
        try AccessPolicy.authorize(principal, .readTenant, on: .tenant)
        let all = includeInactive && principal.isStaff
        return try await context.database.read(principal.scope) { connection in
            var statement = select
            if !all { statement.append(" AND active = \(true)") }
            statement.append(order)
            return try connection.query(statement).map(decode)
        }
    }
}

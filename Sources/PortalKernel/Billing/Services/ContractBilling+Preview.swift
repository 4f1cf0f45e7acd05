extension ContractBilling {
    /// The periods enabling billing now would store, each with the invoice lines it would
    /// carry: index, start, end, total and one line per contributing line item. Writes nothing.
    /// Periods already invoiced are left out, as enabling keeps them. Staff only.
    ///
    /// Empty when no line item is `pending` or `active`.
    public func preview(_ id: ContractID, by principal: Principal) async throws -> [ContractBillingPlan.Period] {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            let contract = try Contracts.load(id, tenant: principal.tenantId, on: connection)
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            guard let plan = try Self.plan(for: contract, items: try Contracts.items(of: contract, on: connection)) else {
                return []
            }
            return try Self.periodsToGenerate(
                of: contract, plan: plan, today: tenant.timeZone.localDate(of: now), replacingPending: true, on: connection)
        }
    }
}

/// The contract that currently governs a company (`companies.current_contract_id`,
/// ``Company/currentContractId``).
///
/// Signing makes a contract its company's current one; when the current contract completes or
/// is terminated, the company's latest other contract that is `signed` or `active` takes over,
/// or none. Each change updates the company (and its `updated_at`, so incremental syncs see it)
/// and is audited as `company.current_contract_changed`, in the caller's transaction.
enum CurrentContract {
    /// Makes `contract` its company's current contract.
    static func adopt(_ contract: Contract, by principal: Principal, at now: Instant, on connection: any SQLConnection) throws {
        let current = try self.current(of: contract.companyId, tenant: contract.tenantId, on: connection)
        guard current != contract.id else { return }
        try set(contract.companyId, from: current, to: contract.id, by: principal, at: now, on: connection)
    }

    /// Hands the role on when `contract`, which has just ended, was its company's current one.
    static func release(_ contract: Contract, by principal: Principal, at now: Instant, on connection: any SQLConnection) throws {
        guard try current(of: contract.companyId, tenant: contract.tenantId, on: connection) == contract.id else { return }
        let successor = try connection.queryFirst(
            """
            SELECT id FROM contracts
            WHERE tenant_id = \(contract.tenantId) AND company_id = \(contract.companyId) AND id <> \(contract.id)
                AND status IN ('signed', 'active') AND signed_at IS NOT NULL
            ORDER BY signed_at DESC, id DESC LIMIT 1
            """
        ).map { try $0.get("id", as: ContractID.self) }
        try set(contract.companyId, from: contract.id, to: successor, by: principal, at: now, on: connection)
    }

    private static func current(of company: CompanyID, tenant: TenantID, on connection: any SQLConnection) throws -> ContractID? {
        guard let row = try connection.queryFirst(
            "SELECT current_contract_id FROM companies WHERE tenant_id = \(tenant) AND id = \(company)")
        else { throw PortalError.notFound("No such company.") }
        return try row.get("current_contract_id", as: ContractID?.self)
    }

    private static func set(
        _ company: CompanyID, from before: ContractID?, to after: ContractID?, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws {
        try connection.execute(
            """
            UPDATE companies SET current_contract_id = \(after), updated_at = \(now)
            WHERE tenant_id = \(principal.tenantId) AND id = \(company)
            """)
        try AuditTrail.record(
            AuditEntry(
                action: "company.current_contract_changed", resourceType: "company", resourceId: company.uuidString,
                companyId: company,
                changes: [
                    "current_contract_id": AuditChange(
                        before: before.map { .string($0.uuidString) }, after: after.map { .string($0.uuidString) })
                ]),
            by: principal, at: now, on: connection)
    }
}

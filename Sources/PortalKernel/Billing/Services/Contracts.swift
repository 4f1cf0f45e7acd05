/// Contracts: the record, its statuses and its line items (``addLineItem(_:_:by:)`` and
/// friends, in `Contracts+LineItems.swift`).
///
/// Staff create and change contracts. A company's users who may read the company read its
/// contracts once they have been sent (a `draft` is the business's work in progress, answered
/// as `not_found`); line items and billing need the right to read the company's billing.
/// Users of other companies get `not_found`, as for a contract that does not exist.
///
/// The document and its signatures are ``ContractDocuments`` and ``ContractSigning``
/// (`portal.engagements`): sending and signing are the only ways to `sent` and `signed`;
/// ``setStatus(_:to:by:)`` moves the other steps by hand.
public struct Contracts: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates a `draft` contract with billing disabled, billed monthly. Staff only.
    public func create(_ input: NewContract, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let title = try InputValidation.required(input.title, field: "title")
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            _ = try Companies.loadVisible(input.companyId, by: principal, action: .readCompany, on: connection)
            let contract = Contract(
                id: ContractID.generate(at: now), tenantId: tenant.id, companyId: input.companyId, title: title,
                type: input.type, status: .draft, autoRenew: input.autoRenew ?? false,
                currency: input.currency ?? tenant.defaultCurrency, billingEnabled: false, billingChangedBy: nil,
                billingChangedAt: nil, billingFrequency: .monthly, billingIntervalMonths: 1, billingStartDate: nil,
                billingEndDate: nil, documentVersion: 0, documentSha256: nil, sentAt: nil, signedAt: nil,
                countersignedAt: nil, createdAt: now, updatedAt: now)
            try Self.insert(contract, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract.created", resourceType: "contract", resourceId: contract.id.uuidString,
                    companyId: contract.companyId, before: Contract?.none, after: contract),
                by: principal, at: now, on: connection)
            return contract
        }
    }

    /// One contract the principal may read.
    public func get(_ id: ContractID, by principal: Principal) async throws -> Contract {
        try await context.database.read(principal.scope) { connection in
            try Self.loadVisible(id, by: principal, on: connection)
        }
    }

    /// Contracts the principal may read, newest first by default.
    public func list(_ options: ContractListOptions, page: PageRequest, by principal: Principal) async throws -> Page<Contract> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable = AccessPolicy.companies(principal, allowing: .readCompany)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        return try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM contracts WHERE tenant_id = \(principal.tenantId)"
            if let reachable { statement.append(" AND company_id IN (\(list: Array(reachable))) AND status <> 'draft'") }
            if let company = options.companyId { statement.append(" AND company_id = \(company)") }
            if let status = options.status { statement.append(" AND status = \(status.rawValue)") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), Contract.init(row:))
        }
    }

    /// Changes the title, type or auto-renewal. Staff only, and only before the contract is
    /// signed: a signed contract is never edited (a new version is a new contract,
    /// ``ContractDocuments/copy(_:by:)``).
    ///
    /// - Throws: `invalid` with field `title`; `conflict` with field `status` once sent.
    public func update(_ id: ContractID, _ input: ContractUpdate, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let title = try input.title.map { try InputValidation.required($0, field: "title") }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard before.status.allowsEditing else {
                throw PortalError.conflict(
                    "A \(before.status.rawValue) contract cannot be edited; copy it to start a new version.", field: "status")
            }
            var after = before
            if let title { after.title = title }
            if let type = input.type { after.type = type }
            if let autoRenew = input.autoRenew { after.autoRenew = autoRenew }
            guard after != before else { return before }
            after.updatedAt = now
            try Self.update(after, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract.updated", resourceType: "contract", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Moves the contract by hand: signed → active, active → completed or terminated, and
    /// sent → terminated for a contract that will not be signed. Staff only.
    ///
    /// `sent` and `signed` are never set by hand: ``ContractSigning/send(_:by:)`` freezes the
    /// document and ``ContractSigning/sign(_:_:by:)`` records the client's signature.
    ///
    /// Moving to `completed` or `terminated` disables billing (recording who and when): its
    /// pending periods stay pending and are never billed. If the contract was its company's
    /// current contract, the company's latest other signed or active contract becomes current
    /// (none when there is none).
    ///
    /// - Throws: `conflict` with field `status` for `sent`, `signed` and any step
    ///   ``ContractStatus/canMove(to:)`` does not allow.
    public func setStatus(_ id: ContractID, to status: ContractStatus, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard status.isSetByHand else {
                throw PortalError.conflict(
                    status == .sent
                        ? "A contract becomes sent only by sending it, which freezes its document."
                        : "A contract becomes signed only when a company user allowed to sign signs it.",
                    field: "status")
            }
            guard before.status.canMove(to: status) else {
                throw PortalError.conflict(
                    "A \(before.status.rawValue) contract cannot become \(status.rawValue).", field: "status")
            }
            var after = before
            after.status = status
            after.updatedAt = now
            if status.isFinal && after.billingEnabled {
                after.billingEnabled = false
                after.billingChangedBy = principal.label
                after.billingChangedAt = now
            }
            try Self.update(after, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract.status_changed", resourceType: "contract", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            if status.isFinal {
                try CurrentContract.release(after, by: principal, at: now, on: connection)
            }
            return after
        }
    }

    // MARK: Storage, shared with contract billing

    /// The contract, whoever asks. - Throws: `not_found` when the tenant has none.
    static func load(
        _ id: ContractID, tenant: TenantID, on connection: any SQLConnection, forUpdate: Bool = false
    ) throws -> Contract {
        let lock: SQLStatement = forUpdate ? connection.dialect.rowLockClause : ""
        guard let row = try connection.queryFirst("SELECT * FROM contracts WHERE tenant_id = \(tenant) AND id = \(id)\(lock)")
        else { throw PortalError.notFound("No such contract.") }
        return try Contract(row: row)
    }

    /// The contract, if the principal may see it (`not_found` otherwise) and perform `action`
    /// on its company (`forbidden` otherwise). Clients never see drafts. With `forUpdate`, the
    /// row stays locked until the transaction ends.
    static func loadVisible(
        _ id: ContractID, by principal: Principal, action: AccessAction = .readCompany, on connection: any SQLConnection,
        forUpdate: Bool = false
    ) throws -> Contract {
        let contract = try load(id, tenant: principal.tenantId, on: connection, forUpdate: forUpdate)
        if case .hide = AccessPolicy.decide(principal, .readCompany, on: .company(contract.companyId)) {
            throw PortalError.notFound("No such contract.")
        }
        if contract.status == .draft && !principal.isStaff { throw PortalError.notFound("No such contract.") }
        try AccessPolicy.authorize(principal, action, on: .company(contract.companyId))
        return contract
    }

    static func insert(_ contract: Contract, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO contracts (id, tenant_id, company_id, title, contract_type, status, auto_renew, currency,
                billing_enabled, billing_changed_by, billing_changed_at, billing_frequency, billing_interval_months,
                billing_start_date, billing_end_date, document_version, document_sha256, sent_at, signed_at, countersigned_at,
                created_at, updated_at)
            VALUES (\(contract.id), \(contract.tenantId), \(contract.companyId), \(contract.title), \(contract.type.rawValue),
                \(contract.status.rawValue), \(contract.autoRenew), \(contract.currency), \(contract.billingEnabled),
                \(contract.billingChangedBy), \(contract.billingChangedAt), \(contract.billingFrequency.rawValue),
                \(contract.billingIntervalMonths), \(contract.billingStartDate), \(contract.billingEndDate),
                \(contract.documentVersion), \(contract.documentSha256), \(contract.sentAt), \(contract.signedAt),
                \(contract.countersignedAt), \(contract.createdAt), \(contract.updatedAt))
            """)
    }

    static func update(_ contract: Contract, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE contracts SET title = \(contract.title), contract_type = \(contract.type.rawValue),
                status = \(contract.status.rawValue), auto_renew = \(contract.autoRenew),
                billing_enabled = \(contract.billingEnabled), billing_changed_by = \(contract.billingChangedBy),
                billing_changed_at = \(contract.billingChangedAt), billing_frequency = \(contract.billingFrequency.rawValue),
                billing_interval_months = \(contract.billingIntervalMonths), billing_start_date = \(contract.billingStartDate),
                billing_end_date = \(contract.billingEndDate), document_version = \(contract.documentVersion),
                document_sha256 = \(contract.documentSha256), sent_at = \(contract.sentAt), signed_at = \(contract.signedAt),
                countersigned_at = \(contract.countersignedAt), updated_at = \(contract.updatedAt)
            WHERE tenant_id = \(contract.tenantId) AND id = \(contract.id)
            """)
    }
}

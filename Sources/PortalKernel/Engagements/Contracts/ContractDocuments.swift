/// A contract's document: its text, kept in versions.
///
/// Staff write the text while the contract is a `draft`; each different text is a new version
/// (1, 2, 3 …) with its SHA-256. Sending the contract (``ContractSigning/send(_:by:)``) freezes
/// the latest version, and from then on nobody changes it: a new version of a sent or signed
/// contract is a new contract (``copy(_:by:)``).
///
/// Staff read every version; a company's users read only the frozen text of a contract sent
/// to their company (drafts are `not_found` to them, as for a contract that does not exist).
///
/// ```swift
/// let documents = portal.engagements.contractDocuments
/// let v1 = try await documents.setBody(contract.id, ContractDocumentInput(body: text), by: staff)
/// let shown = try await documents.document(contract.id, by: client)   // after sending: v1, frozen
/// ```
public struct ContractDocuments: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Sets the draft contract's text, as a new version, and returns that version. Text equal
    /// to the latest version's writes nothing and returns the latest version. Staff only.
    ///
    /// - Throws: `invalid` with field `body` (absent, blank, too long, control characters);
    ///   `conflict` with field `status` once the contract has been sent.
    public func setBody(_ id: ContractID, _ input: ContractDocumentInput, by principal: Principal) async throws -> ContractDocument {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let body = try ContractDocument.validated(input.body)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let contract = try Contracts.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard contract.status == .draft else {
                throw PortalError.conflict(
                    "The document of a \(contract.status.rawValue) contract is frozen; copy the contract to write a new version.",
                    field: "status")
            }
            if contract.documentVersion > 0 {
                let latest = try ContractDocument.current(of: contract, on: connection)
                if latest.body == body { return latest }
            }
            return try Self.appendVersion(body, to: contract, by: principal, at: now, on: connection).document
        }
    }

    /// The contract's document. Staff get the latest version, or `version` when given; a
    /// company's users get the frozen version of a contract sent to them (asking for another
    /// version is `not_found`).
    ///
    /// - Throws: `not_found` for a contract the principal may not see, a version that does not
    ///   exist, or a contract without text yet.
    public func document(_ id: ContractID, version: Int? = nil, by principal: Principal) async throws -> ContractDocument {
        try await context.database.read(principal.scope) { connection in
            let contract = try Contracts.loadVisible(id, by: principal, on: connection)
            guard let version, version != contract.documentVersion else {
                return try ContractDocument.current(of: contract, on: connection)
            }
            guard principal.isStaff else { throw PortalError.notFound("No such document version.", field: "version") }
            return try ContractDocument.load(contract: contract.id, version: version, tenant: contract.tenantId, on: connection)
        }
    }

    /// Every version of the contract's document without its text, oldest first. Staff only.
    public func versions(_ id: ContractID, by principal: Principal) async throws -> [ContractDocumentVersion] {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        return try await context.database.read(principal.scope) { connection in
            try ContractDocument.versions(of: try Contracts.load(id, tenant: principal.tenantId, on: connection), on: connection)
        }
    }

    /// A new `draft` contract for the same company with the same title, type, currency and
    /// renewal, whose document (version 1) is the latest text of `id`: how a signed contract
    /// gets a new version. Line items and billing settings are not copied. Staff only.
    public func copy(_ id: ContractID, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let source = try Contracts.load(id, tenant: principal.tenantId, on: connection)
            var copy = Contract(
                id: ContractID.generate(at: now), tenantId: source.tenantId, companyId: source.companyId, title: source.title,
                type: source.type, status: .draft, autoRenew: source.autoRenew, currency: source.currency,
                billingEnabled: false, billingChangedBy: nil, billingChangedAt: nil, billingFrequency: .monthly,
                billingIntervalMonths: 1, billingStartDate: nil, billingEndDate: nil, documentVersion: 0, documentSha256: nil,
                sentAt: nil, signedAt: nil, countersignedAt: nil, createdAt: now, updatedAt: now)
            try Contracts.insert(copy, on: connection)
            var created = try AuditEntry(
                action: "contract.created", resourceType: "contract", resourceId: copy.id.uuidString, companyId: copy.companyId,
                before: Contract?.none, after: copy)
            created.changes["copied_from"] = AuditChange(before: nil, after: .string(source.id.uuidString))
            try AuditTrail.record(created, by: principal, at: now, on: connection)
            if source.documentVersion > 0 {
                let text = try ContractDocument.current(of: source, on: connection).body
                copy = try Self.appendVersion(text, to: copy, by: principal, at: now, on: connection).contract
            }
            return copy
        }
    }

    /// Stores `body` as the draft's next version, points the contract at it and audits
    /// `contract.document_updated` (the version and hash before and after).
    private static func appendVersion(
        _ body: String, to contract: Contract, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> (document: ContractDocument, contract: Contract) {
        let previous = contract.documentVersion > 0 ? try ContractDocument.current(of: contract, on: connection) : nil
        let document = ContractDocument(
            id: ContractDocumentID.generate(at: now), tenantId: contract.tenantId, contractId: contract.id,
            version: contract.documentVersion + 1, body: body, sha256: ContractDocument.sha256(of: body),
            createdBy: principal.label, createdAt: now)
        try ContractDocument.insert(document, on: connection)
        var after = contract
        after.documentVersion = document.version
        after.updatedAt = now
        try Contracts.update(after, on: connection)
        try AuditTrail.record(
            AuditEntry(
                action: "contract.document_updated", resourceType: "contract", resourceId: contract.id.uuidString,
                companyId: contract.companyId,
                changes: [
                    "document_version": AuditChange(
                        before: previous.map { .integer(Int64($0.version)) }, after: .integer(Int64(document.version))),
                    "document_body_sha256": AuditChange(before: previous.map { .string($0.sha256) }, after: .string(document.sha256)),
                ]),
            by: principal, at: now, on: connection)
        return (document, after)
    }
}

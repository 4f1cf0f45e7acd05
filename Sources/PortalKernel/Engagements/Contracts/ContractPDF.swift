/// A contract as a document (PDF with the production renderer, through the kernel's
/// ``DocumentRenderer`` port): the text, a signature page (who, when, from where, the hash)
/// and the contract's audit trail. See ``ContractDocumentContent/layout()``.
///
/// Whoever may read the contract may download it: staff any contract (a draft shows its latest
/// text, marked DRAFT), a company's users the contracts sent to their company, with the frozen
/// text.
public struct ContractPDF: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// What the document shows.
    /// - Throws: `not_found` for a contract the principal may not see, or one without text yet.
    public func content(of id: ContractID, by principal: Principal) async throws -> ContractDocumentContent {
        try await context.database.read(principal.scope) { connection in
            let contract = try Contracts.loadVisible(id, by: principal, on: connection)
            let document = try ContractDocument.current(of: contract, on: connection)
            let tenant = try Tenants.load(contract.tenantId, on: connection)
            guard let company = try connection.queryFirst(
                "SELECT name, account_number FROM companies WHERE tenant_id = \(tenant.id) AND id = \(contract.companyId)")
            else { throw PortalError.notFound("No such company.") }
            let trail = try connection.query(
                """
                SELECT * FROM audit_events
                WHERE tenant_id = \(tenant.id) AND resource_type = 'contract' AND resource_id = \(contract.id.uuidString)
                ORDER BY sequence
                """
            ).map(AuditEvent.init(row:))
            return ContractDocumentContent(
                providerName: tenant.name, companyName: try company.get("name"),
                companyAccountNumber: try company.get("account_number"), title: contract.title, type: contract.type,
                status: contract.status, documentVersion: document.version, body: document.body,
                documentSha256: contract.documentSha256 ?? document.sha256, sentAt: contract.sentAt,
                signedAt: contract.signedAt, countersignedAt: contract.countersignedAt,
                signatures: try ContractSignature.all(of: contract, on: connection), auditTrail: trail,
                createdAt: [contract.countersignedAt, contract.signedAt, contract.sentAt].compactMap { $0 }.first
                    ?? document.createdAt)
        }
    }

    /// The contract as a file (`Onboarding-2026-v2.pdf`).
    /// - Throws: as ``content(of:by:)``; `unavailable` when no document renderer plugin is enabled.
    public func render(_ id: ContractID, by principal: Principal) async throws -> InvoiceDocuments.File {
        let content = try await content(of: id, by: principal)
        guard let renderer = context.plugins.documentRenderer else {
            throw PortalError.unavailable("No document renderer is enabled; add `pdf` to plugins.enabled.")
        }
        let bytes = try await renderer.render(content.layout())
        return InvoiceDocuments.File(
            fileName: "\(content.fileBaseName).\(renderer.fileExtension)", contentType: renderer.contentType, bytes: bytes)
    }
}

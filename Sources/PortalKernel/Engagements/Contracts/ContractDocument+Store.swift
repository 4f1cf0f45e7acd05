// Reading and writing `contract_documents` rows. Column names match `PortalSchema+Engagements.swift`.

extension ContractDocument {
    /// Version `version` of the contract's document. - Throws: `not_found` when there is none.
    static func load(
        contract: ContractID, version: Int, tenant: TenantID, on connection: any SQLConnection
    ) throws -> ContractDocument {
        guard
            let row = try connection.queryFirst(
                """
                SELECT * FROM contract_documents
                WHERE tenant_id = \(tenant) AND contract_id = \(contract) AND version = \(version)
                """)
        else { throw PortalError.notFound("No such document version.", field: "version") }
        return try ContractDocument(row: row)
    }

    /// The version a contract names as its document (``Contract/documentVersion``).
    /// - Throws: `not_found` while the contract has no text yet.
    static func current(of contract: Contract, on connection: any SQLConnection) throws -> ContractDocument {
        guard contract.documentVersion > 0 else {
            throw PortalError.notFound("This contract has no document yet.", field: "body")
        }
        return try load(contract: contract.id, version: contract.documentVersion, tenant: contract.tenantId, on: connection)
    }

    /// Every version of the contract's document without its text, oldest first.
    static func versions(of contract: Contract, on connection: any SQLConnection) throws -> [ContractDocumentVersion] {
        try connection.query(
            """
            SELECT id, contract_id, version, sha256, created_by, created_at FROM contract_documents
            WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id) ORDER BY version
            """
        ).map(ContractDocumentVersion.init(row:))
    }

    static func insert(_ document: ContractDocument, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO contract_documents (id, tenant_id, contract_id, version, body, sha256, created_by, created_at)
            VALUES (\(document.id), \(document.tenantId), \(document.contractId), \(document.version), \(document.body),
                \(document.sha256), \(document.createdBy), \(document.createdAt))
            """)
    }

    /// A body as staff send it: required, not blank, no control characters other than line
    /// breaks and tabs, at most ``maximumBodyBytes``. The text is kept exactly as given.
    /// - Throws: `invalid` with field `body`.
    static func validated(_ body: String?) throws -> String {
        guard let body, !body.trimmingWhitespace().isEmpty else {
            throw PortalError.invalid("body is required.", field: "body")
        }
        guard body.utf8.count <= maximumBodyBytes else {
            throw PortalError.invalid("body must be at most \(maximumBodyBytes / 1024) KiB.", field: "body")
        }
        let control = body.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\r" && scalar != "\t"
        }
        guard !control else {
            throw PortalError.invalid("body must not contain control characters other than line breaks and tabs.", field: "body")
        }
        return body
    }
}

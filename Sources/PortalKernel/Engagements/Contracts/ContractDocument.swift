/// One version of a contract's text.
///
/// Staff write versions 1, 2, 3 … while the contract is a `draft`; sending freezes the latest
/// one (``Contract/documentVersion``, ``Contract/documentSha256``), and that exact text is what
/// the client reads and signs. ``sha256`` is the lowercase hex SHA-256 of ``body``'s UTF-8
/// bytes, so anyone holding the text can check it:
///
/// ```swift
/// let document = try await portal.engagements.contractDocuments.document(contract.id, by: client)
/// assert(ContractDocument.sha256(of: document.body) == document.sha256)
/// ```
public struct ContractDocument: Sendable, Hashable, Codable {
    public var id: ContractDocumentID
    public var tenantId: TenantID
    public var contractId: ContractID
    /// 1 for the first text set, counting up.
    public var version: Int
    /// The text exactly as staff wrote it (plain text; blank lines separate paragraphs).
    public var body: String
    public var sha256: String
    /// The ``Principal/label`` of whoever wrote this version.
    public var createdBy: String
    public var createdAt: Instant

    /// The longest body, in UTF-8 bytes.
    public static let maximumBodyBytes = 512 * 1024

    /// The lowercase hex SHA-256 of `body`'s UTF-8 bytes: the hash a signature covers.
    public static func sha256(of body: String) -> String {
        Digests.sha256Hex(Array(body.utf8))
    }

}

/// A version of a contract's document without its text (``ContractDocuments/versions(_:by:)``).
public struct ContractDocumentVersion: Sendable, Hashable, Codable {
    public var id: ContractDocumentID
    public var contractId: ContractID
    public var version: Int
    public var sha256: String
    public var createdBy: String
    public var createdAt: Instant
}

extension ContractDocumentVersion {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), contractId: try row.get("contract_id"), version: try row.get("version"),
            sha256: try row.get("sha256"), createdBy: try row.get("created_by"), createdAt: try row.get("created_at"))
    }
}

extension ContractDocument {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), contractId: try row.get("contract_id"),
            version: try row.get("version"), body: try row.get("body"), sha256: try row.get("sha256"),
            createdBy: try row.get("created_by"), createdAt: try row.get("created_at"))
    }
}

/// A signature on a contract: the client's, and staff's countersignature.
///
/// It records who signed (the user, their typed full name and email), when, from where (the
/// client address and user agent of the request) and what: ``documentSha256``, the hash of the
/// exact text shown, which is the contract's frozen hash. Signatures are never changed or
/// removed; each contract has at most one per ``party``.
public struct ContractSignature: Sendable, Hashable, Codable {
    public var id: ContractSignatureID
    public var tenantId: TenantID
    public var contractId: ContractID
    /// The document version signed.
    public var documentId: ContractDocumentID
    public var party: ContractSignatureParty
    /// The signing user; `nil` for an operator countersigning on the command line.
    public var userId: UserID?
    /// The ``Principal/label`` of the signer (`user:ana@karoo.example`, `operator:root`).
    public var signerLabel: String
    /// The name the signer typed.
    public var fullName: String
    public var email: String?
    public var documentSha256: String
    public var clientAddress: String?
    public var userAgent: String?
    public var signedAt: Instant
}

/// Who a signature is for.
public enum ContractSignatureParty: String, Sendable, Hashable, Codable, CaseIterable {
    /// The client company, signed by one of its users allowed to sign contracts.
    case client
    /// The service business, countersigned by staff.
    case provider
}

extension ContractSignature {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), contractId: try row.get("contract_id"),
            documentId: try row.get("document_id"), party: try row.enumeration("party"), userId: try row.get("user_id"),
            signerLabel: try row.get("signer_label"), fullName: try row.get("full_name"), email: try row.get("email"),
            documentSha256: try row.get("document_sha256"), clientAddress: try row.get("client_address"),
            userAgent: try row.get("user_agent"), signedAt: try row.get("signed_at"))
    }
}

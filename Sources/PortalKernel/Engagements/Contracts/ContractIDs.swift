// Typed identifiers of contract documents and signatures.

/// Marks ContractDocumentID.
public enum ContractDocumentTag: IdentifierTag { public static let entityName = "contract_document" }
/// Identifies one version of a contract's document.
public typealias ContractDocumentID = Identifier<ContractDocumentTag>

/// Marks ContractSignatureID.
public enum ContractSignatureTag: IdentifierTag { public static let entityName = "contract_signature" }
/// Identifies one signature on a contract.
public typealias ContractSignatureID = Identifier<ContractSignatureTag>

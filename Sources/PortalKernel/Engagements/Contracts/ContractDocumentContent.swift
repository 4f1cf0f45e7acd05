/// What a contract's PDF shows, gathered from storage by ``ContractPDF`` and laid out by
/// ``layout()``: the document's text, a page of signatures and the contract's audit trail.
///
/// Building it needs no database, so the layout can be checked on its own:
///
/// ```swift
/// let layout = ContractDocumentContent(…).layout()
/// let pdf = try await renderer.render(layout)
/// ```
public struct ContractDocumentContent: Sendable, Hashable {
    /// The service business (the tenant).
    public var providerName: String
    public var companyName: String
    public var companyAccountNumber: String?
    public var title: String
    public var type: ContractType
    public var status: ContractStatus
    public var documentVersion: Int
    /// The text exactly as stored.
    public var body: String
    /// The SHA-256 of ``body``'s UTF-8 bytes.
    public var documentSha256: String
    public var sentAt: Instant?
    public var signedAt: Instant?
    public var countersignedAt: Instant?
    /// Signatures in the order they were made.
    public var signatures: [ContractSignature]
    /// The contract's audit events, oldest first.
    public var auditTrail: [AuditEvent]
    /// The document's date in the file (the last of signing, sending and the latest change).
    public var createdAt: Instant

    public init(
        providerName: String, companyName: String, companyAccountNumber: String? = nil, title: String, type: ContractType,
        status: ContractStatus, documentVersion: Int, body: String, documentSha256: String, sentAt: Instant? = nil,
        signedAt: Instant? = nil, countersignedAt: Instant? = nil, signatures: [ContractSignature] = [],
        auditTrail: [AuditEvent] = [], createdAt: Instant
    ) {
        self.providerName = providerName
        self.companyName = companyName
        self.companyAccountNumber = companyAccountNumber
        self.title = title
        self.type = type
        self.status = status
        self.documentVersion = documentVersion
        self.body = body
        self.documentSha256 = documentSha256
        self.sentAt = sentAt
        self.signedAt = signedAt
        self.countersignedAt = countersignedAt
        self.signatures = signatures
        self.auditTrail = auditTrail
        self.createdAt = createdAt
    }

    /// Whether the text is still a draft's, which may change (nothing frozen yet).
    public var isDraft: Bool { status == .draft }

    /// A file name without extension: the title made safe for file systems and the version
    /// (`"Onboarding-2026-v2"`; characters other than ASCII letters, digits, `-`, `_` and `.`
    /// become `-`), or `contract-v<version>` when nothing of the title remains.
    public var fileBaseName: String {
        var name = ""
        for scalar in title.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".": name.unicodeScalars.append(scalar)
            default: if !name.hasSuffix("-") { name.append("-") }
            }
        }
        while name.hasPrefix(".") || name.hasPrefix("-") { name.removeFirst() }
        while name.hasSuffix("-") { name.removeLast() }
        return "\(name.isEmpty ? "contract" : String(name.prefix(80)))-v\(documentVersion)"
    }
}

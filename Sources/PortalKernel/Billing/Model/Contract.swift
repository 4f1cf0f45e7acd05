/// An agreement with a company: its document, its signatures and the line items billed on a
/// schedule.
///
/// The document's text lives in versions (``ContractDocument``); while the contract is a
/// `draft` staff write new versions, and sending freezes the latest one: ``documentVersion``
/// and ``documentSha256`` then name exactly the text the client signs
/// (``ContractSigning/send(_:by:)``, ``ContractSigning/sign(_:_:by:)``). A signed contract is
/// never edited; a new version of it is a new contract (``ContractDocuments/copy(_:by:)``).
///
/// Billing is off until staff enable it (``ContractBilling/enableBilling(_:by:)``), which
/// records who and when in ``billingChangedBy`` and ``billingChangedAt``; so does disabling.
public struct Contract: Sendable, Hashable, Codable {
    public var id: ContractID
    public var tenantId: TenantID
    public var companyId: CompanyID
    public var title: String
    public var type: ContractType
    public var status: ContractStatus
    public var autoRenew: Bool
    /// The currency of every line item and invoice of the contract.
    public var currency: Currency
    /// Whether billing runs invoice the contract's pending periods.
    public var billingEnabled: Bool
    /// The ``Principal/label`` of whoever last enabled or disabled billing.
    public var billingChangedBy: String?
    public var billingChangedAt: Instant?
    public var billingFrequency: ContractBillingFrequency
    /// The length of one billing period: 1 for monthly, 3 for quarterly, any 1...120 for custom.
    public var billingIntervalMonths: Int
    /// The first day of billing period 0; when nil, enabling fixes it at the earliest billable
    /// line item's start.
    public var billingStartDate: LocalDate?
    /// Charges dated on or after this day are not billed.
    public var billingEndDate: LocalDate?
    /// The latest version of the document: 0 before any text is set. Frozen once sent.
    public var documentVersion: Int
    /// The SHA-256 (lowercase hex) of the UTF-8 text of version ``documentVersion``, recorded
    /// when the contract is sent; `nil` while it is a draft.
    public var documentSha256: String?
    public var sentAt: Instant?
    /// When the client signed.
    public var signedAt: Instant?
    /// When staff countersigned.
    public var countersignedAt: Instant?
    public var createdAt: Instant
    public var updatedAt: Instant

    /// The billing interval (``billingIntervalMonths`` is always in range).
    public var billingInterval: BillingInterval {
        (try? BillingInterval(months: billingIntervalMonths)) ?? .monthly
    }
}

/// What a contract is for.
public enum ContractType: String, Sendable, Hashable, Codable, CaseIterable {
    case onboarding
    case engagement
    case maintenance
}

/// Where a contract stands.
///
/// ```
/// draft ──▶ sent ──▶ signed ──▶ active ──▶ completed
///             │                      └──▶ terminated
///             └──▶ terminated (never signed)
/// ```
///
/// Only these steps are allowed (``canMove(to:)``). `sent` and `signed` are reached only by
/// sending and signing (``ContractSigning``); staff move the others by hand
/// (``Contracts/setStatus(_:to:by:)``). Billing can be enabled on a `signed` or `active`
/// contract; moving to `completed` or `terminated` disables it. Clients never see `draft`
/// contracts.
public enum ContractStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case sent
    case signed
    case active
    case completed
    case terminated

    /// Whether `next` is an allowed step from this status.
    public func canMove(to next: ContractStatus) -> Bool {
        switch (self, next) {
        case (.draft, .sent), (.sent, .signed), (.sent, .terminated), (.signed, .active), (.active, .completed),
            (.active, .terminated):
            true
        default: false
        }
    }

    /// Whether billing may be enabled in this status.
    public var allowsBilling: Bool { self == .signed || self == .active }

    /// Whether the contract has ended (`completed` or `terminated`).
    public var isFinal: Bool { self == .completed || self == .terminated }

    /// Whether the contract's title, type and renewal may still change: only while it is a
    /// `draft`. Once sent, the terms the client signs are frozen with the text.
    public var allowsEditing: Bool { self == .draft }

    /// Whether staff may move a contract here by hand: every status but `sent` and `signed`,
    /// which only sending and signing reach.
    public var isSetByHand: Bool { self != .sent && self != .signed }
}

/// How often a contract bills.
public enum ContractBillingFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every month.
    case monthly
    /// Every three months.
    case quarterly
    /// Every ``Contract/billingIntervalMonths`` months.
    case custom
}

extension Contract {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), companyId: try row.get("company_id"),
            title: try row.get("title"), type: try row.enumeration("contract_type"), status: try row.enumeration("status"),
            autoRenew: try row.get("auto_renew"), currency: try row.get("currency"),
            billingEnabled: try row.get("billing_enabled"), billingChangedBy: try row.get("billing_changed_by"),
            billingChangedAt: try row.get("billing_changed_at"), billingFrequency: try row.enumeration("billing_frequency"),
            billingIntervalMonths: try row.get("billing_interval_months"), billingStartDate: try row.get("billing_start_date"),
            billingEndDate: try row.get("billing_end_date"), documentVersion: try row.get("document_version"),
            documentSha256: try row.get("document_sha256"), sentAt: try row.get("sent_at"), signedAt: try row.get("signed_at"),
            countersignedAt: try row.get("countersigned_at"), createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}

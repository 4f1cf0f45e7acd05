/// How a tenant lets companies in one country pay through one gateway: shown to payers in the
/// portal, in ``sortOrder``. For the manual gateway the details are the bank account to pay into.
public struct PaymentMethod: Sendable, Hashable, Codable {
    public var id: PaymentMethodID
    /// The gateway plugin's name (`manual`).
    public var gateway: String
    /// ISO 3166-1 alpha-2, or `*` for every country without a method of its own.
    public var country: String
    public var enabled: Bool
    /// What payers see (`Bank transfer (EFT)`).
    public var displayName: String
    /// A sentence or two for the payer.
    public var instructions: String?
    /// Labelled details in display order (bank, account holder, account number, branch code).
    public var details: [PaymentGatewayLabeledValue]
    public var sortOrder: Int
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// A payment method to configure (created, or replaced when one exists for the gateway and country).
public struct PaymentMethodInput: Sendable, Hashable, Codable {
    public var gateway: String?
    public var country: String?
    public var enabled: Bool?
    public var displayName: String?
    public var instructions: String?
    public var details: [PaymentGatewayLabeledValue]?
    public var sortOrder: Int?

    public init(
        gateway: String? = "manual", country: String?, enabled: Bool? = true, displayName: String?,
        instructions: String? = nil, details: [PaymentGatewayLabeledValue]? = nil, sortOrder: Int? = nil
    ) {
        self.gateway = gateway
        self.country = country
        self.enabled = enabled
        self.displayName = displayName
        self.instructions = instructions
        self.details = details
        self.sortOrder = sortOrder
    }
}

/// A tenant's billing settings.
public struct BillingSettings: Sendable, Hashable, Codable {
    /// Days from the issue date to the due date (14 unless changed).
    public var paymentTermsDays: Int
    /// How many days before a period starts its invoice is generated (7 unless changed).
    public var invoiceLeadDays: Int
    /// Whether usage may take a company's credit balance below zero.
    public var allowNegativeCredits: Bool
    /// When a move to a dearer plan takes effect.
    public var upgradeTiming: PlanChangeTiming
    /// When a move to a cheaper plan takes effect.
    public var downgradeTiming: PlanChangeTiming
    /// The tenant's address as printed on invoices, one line per entry.
    public var sellerAddress: [String]
    public var sellerTaxId: String?
    public var sellerEmail: String?
    /// Printed at the foot of every invoice.
    public var invoiceFooter: String?

    public init(
        paymentTermsDays: Int = 14, invoiceLeadDays: Int = 7, allowNegativeCredits: Bool = false,
        upgradeTiming: PlanChangeTiming = .immediately, downgradeTiming: PlanChangeTiming = .nextRenewal,
        sellerAddress: [String] = [], sellerTaxId: String? = nil, sellerEmail: String? = nil, invoiceFooter: String? = nil
    ) {
        self.paymentTermsDays = paymentTermsDays
        self.invoiceLeadDays = invoiceLeadDays
        self.allowNegativeCredits = allowNegativeCredits
        self.upgradeTiming = upgradeTiming
        self.downgradeTiming = downgradeTiming
        self.sellerAddress = sellerAddress
        self.sellerTaxId = sellerTaxId
        self.sellerEmail = sellerEmail
        self.invoiceFooter = invoiceFooter
    }
}

/// When a plan change takes effect.
public enum PlanChangeTiming: String, Sendable, Hashable, Codable, CaseIterable {
    /// Now, with a prorated charge or credit for the rest of the current period.
    case immediately
    /// At the start of the next period, with nothing prorated.
    case nextRenewal = "next_renewal"
}

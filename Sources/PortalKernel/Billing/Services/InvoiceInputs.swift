/// One line as a client of the API asks for it. `unit_amount` is in minor units of the
/// invoice's currency (`150000` is 1,500.00 ZAR).
public struct InvoiceLineInput: Sendable, Hashable, Codable {
    public var description: String?
    /// Up to three decimals (`"2.5"`); 1 when absent.
    public var quantity: Quantity?
    public var unitAmount: Int64?
    /// A discount on this line only.
    public var discountPercent: Percentage?
    /// The code of a tax rate (`VAT`); the version in force on the invoice date applies.
    public var taxCode: String?
    public var periodStart: LocalDate?
    public var periodEnd: LocalDate?

    public init(
        description: String?, quantity: Quantity? = nil, unitAmount: Int64?, discountPercent: Percentage? = nil,
        taxCode: String? = nil, periodStart: LocalDate? = nil, periodEnd: LocalDate? = nil
    ) {
        self.description = description
        self.quantity = quantity
        self.unitAmount = unitAmount
        self.discountPercent = discountPercent
        self.taxCode = taxCode
        self.periodStart = periodStart
        self.periodEnd = periodEnd
    }

    /// The checked item, for the invoice composer.
    func item(currency: Currency, field: String) throws -> InvoiceComposer.Item {
        let description = try InputValidation.required(self.description, field: "\(field).description", maximumLength: 500)
        guard let unitAmount else { throw PortalError.invalid("A unit amount is required.", field: "\(field).unit_amount") }
        let quantity = self.quantity ?? 1
        guard quantity > .zero, quantity <= Quantity(thousandths: 1_000_000_000) else {
            throw PortalError.invalid("The quantity must be above 0 and at most 1,000,000.", field: "\(field).quantity")
        }
        let discount = discountPercent ?? .zero
        guard discount >= .zero, discount <= .hundred else {
            throw PortalError.invalid("A discount is from 0 to 100 percent.", field: "\(field).discount_percent")
        }
        if let start = periodStart, let end = periodEnd, end <= start {
            throw PortalError.invalid("A period ends after it starts.", field: "\(field).period_end")
        }
        return InvoiceComposer.Item(
            id: nil, description: description, quantity: quantity,
            unitAmount: Money(minorUnits: unitAmount, currency: currency), discountPercent: discount,
            taxCode: try taxCode.map { try InputValidation.code($0, field: "\(field).tax_code") },
            periodStart: periodStart, periodEnd: periodEnd)
    }
}

/// A new draft invoice.
public struct NewInvoice: Sendable, Hashable, Codable {
    public var companyId: CompanyID
    /// The tenant's default currency when absent.
    public var currency: Currency?
    /// `standard` (default) or `deposit`.
    public var kind: InvoiceKind?
    public var issueDate: LocalDate?
    public var dueDate: LocalDate?
    public var paymentTermsDays: Int?
    public var memo: String?
    /// Whether the company's standing discount applies (default true).
    public var applyCompanyDiscount: Bool?
    public var lines: [InvoiceLineInput]
    /// Deposit invoices of the same company to deduct on this one, each as its own line.
    public var deductDeposits: [InvoiceID]?

    public init(
        companyId: CompanyID, currency: Currency? = nil, kind: InvoiceKind? = nil, issueDate: LocalDate? = nil,
        dueDate: LocalDate? = nil, paymentTermsDays: Int? = nil, memo: String? = nil, applyCompanyDiscount: Bool? = nil,
        lines: [InvoiceLineInput] = [], deductDeposits: [InvoiceID]? = nil
    ) {
        self.companyId = companyId
        self.currency = currency
        self.kind = kind
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.paymentTermsDays = paymentTermsDays
        self.memo = memo
        self.applyCompanyDiscount = applyCompanyDiscount
        self.lines = lines
        self.deductDeposits = deductDeposits
    }
}

/// A new deposit invoice: an amount, or a percent of a larger amount (the engagement's value),
/// billed up front and deducted later with ``NewInvoice/deductDeposits``.
public struct NewDepositInvoice: Sendable, Hashable, Codable {
    public var companyId: CompanyID
    public var currency: Currency?
    public var description: String?
    /// The deposit in minor units; or give ``percent`` and ``ofAmount``.
    public var amount: Int64?
    public var percent: Percentage?
    public var ofAmount: Int64?
    public var taxCode: String?
    public var issueDate: LocalDate?
    public var memo: String?

    public init(
        companyId: CompanyID, currency: Currency? = nil, description: String? = nil, amount: Int64? = nil,
        percent: Percentage? = nil, ofAmount: Int64? = nil, taxCode: String? = nil, issueDate: LocalDate? = nil,
        memo: String? = nil
    ) {
        self.companyId = companyId
        self.currency = currency
        self.description = description
        self.amount = amount
        self.percent = percent
        self.ofAmount = ofAmount
        self.taxCode = taxCode
        self.issueDate = issueDate
        self.memo = memo
    }
}

/// Changes to a draft; absent fields stay as they are. `lines` replaces every item line.
public struct InvoiceUpdate: Sendable, Hashable, Codable {
    public var issueDate: LocalDate?
    public var dueDate: LocalDate?
    public var paymentTermsDays: Int?
    public var memo: String?
    public var applyCompanyDiscount: Bool?
    public var lines: [InvoiceLineInput]?
    public var deductDeposits: [InvoiceID]?

    public init(
        issueDate: LocalDate? = nil, dueDate: LocalDate? = nil, paymentTermsDays: Int? = nil, memo: String? = nil,
        applyCompanyDiscount: Bool? = nil, lines: [InvoiceLineInput]? = nil, deductDeposits: [InvoiceID]? = nil
    ) {
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.paymentTermsDays = paymentTermsDays
        self.memo = memo
        self.applyCompanyDiscount = applyCompanyDiscount
        self.lines = lines
        self.deductDeposits = deductDeposits
    }
}

/// Filters and order for invoice lists.
public struct InvoiceListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt]

    public var sort: ListSort
    public var companyId: CompanyID?
    public var status: InvoiceStatus?
    public var kind: InvoiceKind?
    public var updatedSince: Instant?
    /// Part of the number, case-insensitive.
    public var search: String?

    public init(
        sort: ListSort = ListSort(.createdAt), companyId: CompanyID? = nil, status: InvoiceStatus? = nil,
        kind: InvoiceKind? = nil, updatedSince: Instant? = nil, search: String? = nil
    ) {
        self.sort = sort
        self.companyId = companyId
        self.status = status
        self.kind = kind
        self.updatedSince = updatedSince
        self.search = search
    }
}

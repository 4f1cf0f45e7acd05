/// Something a contract bills: a training, a service, a fee.
///
/// - A **non-recurring** item spreads ``amount`` over ``billingPeriodMonths`` monthly
///   instalments, the first on ``startDate`` and each later one a calendar month on (computed
///   from the start, never chained). Earlier instalments take the extra minor units
///   (``InstalmentSplit``): 5,000.00 over 3 months is 1,666.67, 1,666.67, 1,666.66.
///   ``endDate`` is informational for such an item.
/// - A **recurring** item bills the whole ``amount`` every ``billingPeriodMonths`` months from
///   ``startDate`` until ``endDate`` (exclusive), or indefinitely without one.
///
/// Only `pending` and `active` items are billed; `paused` and `completed` items contribute to
/// no period generated while they are so. ``ContractBillingPlan`` turns items into periods.
public struct ContractLineItem: Sendable, Hashable, Codable {
    public var id: ContractLineItemID
    public var contractId: ContractID
    public var itemType: ContractLineItemType
    /// Printed on the invoice line.
    public var description: String
    /// In the contract's currency: the whole amount (non-recurring) or each occurrence's (recurring).
    public var amount: Money
    /// Instalments (non-recurring) or months between occurrences (recurring), 1...120.
    public var billingPeriodMonths: Int
    public var startDate: LocalDate
    public var endDate: LocalDate?
    public var isRecurring: Bool
    public var status: ContractLineItemStatus
    /// The code of a tax rate; the version in force on the invoice date applies.
    public var taxCode: String?
    public var createdAt: Instant
    public var updatedAt: Instant

    /// Whether the item contributes to newly generated billing periods.
    public var isBillable: Bool { status == .pending || status == .active }

    /// The item as the billing plan reads it.
    public var planItem: ContractBillingPlan.Item {
        ContractBillingPlan.Item(
            id: id, description: description, amount: amount, billingPeriodMonths: billingPeriodMonths,
            startDate: startDate, endDate: endDate, isRecurring: isRecurring, taxCode: taxCode)
    }
}

/// What a line item is.
public enum ContractLineItemType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Training of an independent developer (5,000.00 over 3 months in the standard price list).
    case trainingIndependent = "training_independent"
    /// Training of an agency developer (2,500.00 over 3 months).
    case trainingAgency = "training_agency"
    case custom
}

/// Where a line item stands; only `pending` and `active` items are billed.
public enum ContractLineItemStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case active
    case paused
    case completed
}

extension ContractLineItem {
    init(row: SQLRow) throws {
        let currency: Currency = try row.get("currency")
        self.init(
            id: try row.get("id"), contractId: try row.get("contract_id"), itemType: try row.enumeration("item_type"),
            description: try row.get("description"), amount: try row.money("amount", currency),
            billingPeriodMonths: try row.get("billing_period_months"), startDate: try row.get("start_date"),
            endDate: try row.get("end_date"), isRecurring: try row.get("is_recurring"), status: try row.enumeration("status"),
            taxCode: try row.get("tax_code"), createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

/// A batch of debit-order instructions or mandates for ``PaymentGatewayDebitOrders``.
public struct PaymentGatewayDebitBatch: Sendable, Hashable, Codable {
    /// What the batch asks the provider to do.
    public enum Instruction: String, Sendable, Hashable, Codable, CaseIterable {
        /// Collect on ``PaymentGatewayDebitBatch/actionDate``, submitted ahead as the provider
        /// requires (NetCash `TwoDay`).
        case datedCollection = "dated_collection"
        /// Collect on the day of submission (NetCash `Sameday`).
        case sameDayCollection = "same_day_collection"
        /// Collect under authenticated mandates (NetCash `DebiCheck`).
        case authenticatedCollection = "authenticated_collection"
        /// Register mandates for the debtors; no money moves (NetCash `Mandates`).
        case mandates
        /// Update the debtors' master data only (NetCash `Update`).
        case masterDataUpdate = "master_data_update"
    }

    /// The kernel's batch id.
    public var batchID: String
    /// The batch's idempotency key (same rules as ``PaymentGatewayRequest/idempotencyKey``).
    public var idempotencyKey: String
    /// A short human name (the NetCash batch name).
    public var name: String
    public var instruction: Instruction
    /// The day the money should move, for collections.
    public var actionDate: LocalDate?
    /// One entry per debtor.
    public var items: [PaymentGatewayDebitItem]

    public init(
        batchID: String, idempotencyKey: String, name: String, instruction: Instruction, actionDate: LocalDate? = nil,
        items: [PaymentGatewayDebitItem]
    ) {
        self.batchID = batchID
        self.idempotencyKey = idempotencyKey
        self.name = name
        self.instruction = instruction
        self.actionDate = actionDate
        self.items = items
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case batchID = "batchId", idempotencyKey, name, instruction, actionDate, items
    }

    /// Whether the batch moves money.
    public var isCollection: Bool {
        switch instruction {
        case .datedCollection, .sameDayCollection, .authenticatedCollection: true
        case .mandates, .masterDataUpdate: false
        }
    }

    /// The sum of the items' amounts (what NetCash's footer record carries), in `currency`.
    /// - Throws: ``PortalError`` `invalid` when an item is in another currency or the sum overflows.
    public func total(in currency: Currency) throws -> Money {
        try Money.sum(items.compactMap(\.amount), currency: currency)
    }

    /// Checks the batch: an id, a key, at least one item, unique account references, an action
    /// date and a positive amount on every item of a collection.
    /// - Throws: ``PortalError`` `invalid` naming the field.
    public func validate() throws {
        guard !batchID.isEmpty else { throw PortalError.invalid("A batch id is required.", field: "batch_id") }
        try KernelKeyFormat.validate(idempotencyKey, field: "idempotency_key")
        guard !items.isEmpty else { throw PortalError.invalid("A batch needs at least one item.", field: "items") }
        if isCollection, actionDate == nil, instruction != .sameDayCollection {
            throw PortalError.invalid("A dated collection needs an action date.", field: "action_date")
        }
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            guard !item.accountReference.isEmpty, seen.insert(item.accountReference).inserted else {
                throw PortalError.invalid(
                    "Each item needs its own, non-empty account reference.", field: "items[\(index)].account_reference")
            }
            if isCollection, item.amount?.isPositive != true {
                throw PortalError.invalid("Each collection item needs a positive amount.", field: "items[\(index)].amount")
            }
        }
    }
}

/// One debtor in a ``PaymentGatewayDebitBatch``.
public struct PaymentGatewayDebitItem: Sendable, Hashable, Codable {
    /// The kernel's payment id this collection settles, for collections.
    public var paymentID: String?
    /// The debtor's unique key at the provider (NetCash field 101, 2–22 characters).
    public var accountReference: String
    /// The debtor's or mandate's name (NetCash field 102).
    public var accountName: String
    /// Where to debit.
    public var bankAccount: PaymentGatewayBankAccount
    /// The amount to collect in this run, or the mandate's amount for mandates.
    public var amount: Money?
    /// The mandate's terms, for mandate batches and authenticated collections.
    public var mandate: PaymentGatewayMandate?
    /// Contact details some providers use to notify the debtor.
    public var email: String?
    public var mobile: String?

    public init(
        paymentID: String? = nil, accountReference: String, accountName: String, bankAccount: PaymentGatewayBankAccount,
        amount: Money? = nil, mandate: PaymentGatewayMandate? = nil, email: String? = nil, mobile: String? = nil
    ) {
        self.paymentID = paymentID
        self.accountReference = accountReference
        self.accountName = accountName
        self.bankAccount = bankAccount
        self.amount = amount
        self.mandate = mandate
        self.email = email
        self.mobile = mobile
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId", accountReference, accountName, bankAccount, amount, mandate, email, mobile
    }
}

/// The terms of a debit mandate.
public struct PaymentGatewayMandate: Sendable, Hashable, Codable {
    /// How often the debtor is debited.
    public enum Frequency: String, Sendable, Hashable, Codable, CaseIterable {
        case weekly, monthly, quarterly, annually
    }

    public var frequency: Frequency
    /// The day of the month to debit (1–31); `nil` means the last day of the month.
    public var debitDay: Int?
    /// The first month of debits.
    public var firstDebit: LocalDate
    /// When the debtor agreed.
    public var agreedOn: LocalDate
    /// The agreement's reference (NetCash field 535, DebiCheck mandate reference).
    public var agreementReference: String

    public init(
        frequency: Frequency, debitDay: Int?, firstDebit: LocalDate, agreedOn: LocalDate, agreementReference: String
    ) {
        self.frequency = frequency
        self.debitDay = debitDay
        self.firstDebit = firstDebit
        self.agreedOn = agreedOn
        self.agreementReference = agreementReference
    }
}

extension InvoiceDocumentContent {
    /// One line of the invoice, with the engine's figures: quantity × unit amount less discount
    /// is ``amount``, the net amount before tax.
    public struct Line: Sendable, Hashable {
        public var description: String
        public var quantity: Quantity
        /// The price of one unit, before discount and tax.
        public var unitAmount: Money
        /// The discount taken off the line, when there is one.
        public var discount: Money?
        /// The rate applied ("VAT 15%"), shown in the Tax column.
        public var taxLabel: String?
        public var taxAmount: Money
        /// The line's net amount, excluding tax.
        public var amount: Money

        /// A line; `taxAmount` left out is zero in the unit amount's currency.
        public init(
            description: String, quantity: Quantity = 1, unitAmount: Money, discount: Money? = nil,
            taxLabel: String? = nil, taxAmount: Money? = nil, amount: Money
        ) {
            self.description = description
            self.quantity = quantity
            self.unitAmount = unitAmount
            self.discount = discount
            self.taxLabel = taxLabel
            self.taxAmount = taxAmount ?? .zero(unitAmount.currency)
            self.amount = amount
        }
    }
}

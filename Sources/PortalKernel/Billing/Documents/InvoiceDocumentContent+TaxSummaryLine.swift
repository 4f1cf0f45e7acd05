extension InvoiceDocumentContent {
    /// The tax at one rate: "VAT 15%" on a base of ZAR 1,000.00 is ZAR 150.00.
    public struct TaxSummaryLine: Sendable, Hashable {
        /// The rate's name as printed: "VAT 15%".
        public var label: String
        /// The net amount the rate applies to.
        public var base: Money
        public var tax: Money

        public init(label: String, base: Money, tax: Money) {
            self.label = label
            self.base = base
            self.tax = tax
        }
    }
}

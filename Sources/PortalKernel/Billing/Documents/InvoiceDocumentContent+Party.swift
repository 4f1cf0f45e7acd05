extension InvoiceDocumentContent {
    /// The seller or the buyer as printed in the "From" and "Bill to" blocks. Empty address
    /// lines are skipped.
    public struct Party: Sendable, Hashable {
        public var name: String
        /// The buyer's account with the seller ("ACC-00017").
        public var accountNumber: String?
        public var addressLines: [String]
        /// A VAT or other tax registration number.
        public var taxId: String?
        public var email: String?

        public init(
            name: String, accountNumber: String? = nil, addressLines: [String] = [], taxId: String? = nil,
            email: String? = nil
        ) {
            self.name = name
            self.accountNumber = accountNumber
            self.addressLines = addressLines
            self.taxId = taxId
            self.email = email
        }
    }
}

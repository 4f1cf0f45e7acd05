/// A bank account to debit.
///
/// The account number is personal data: ``description`` shows only its last four digits, and
/// the kernel stores it sealed.
public struct PaymentGatewayBankAccount: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of account (NetCash field 133).
    public enum AccountType: String, Sendable, Hashable, Codable, CaseIterable {
        /// Current or cheque account.
        case current
        case savings
        case transmission
    }

    /// The account holder's name as the bank knows it.
    public var holderName: String
    public var accountNumber: String
    /// The branch or sort code (six digits in South Africa).
    public var branchCode: String
    public var accountType: AccountType
    /// The bank's name, for display.
    public var bankName: String?

    public init(
        holderName: String, accountNumber: String, branchCode: String, accountType: AccountType = .current,
        bankName: String? = nil
    ) {
        self.holderName = holderName
        self.accountNumber = accountNumber
        self.branchCode = branchCode
        self.accountType = accountType
        self.bankName = bankName
    }

    /// The account number with all but the last four characters replaced by `*`.
    public var maskedAccountNumber: String {
        let visible = accountNumber.suffix(4)
        return String(repeating: "*", count: max(0, accountNumber.count - visible.count)) + visible
    }

    public var description: String {
        "BankAccount(\(accountType.rawValue) \(maskedAccountNumber), branch \(branchCode))"
    }
}

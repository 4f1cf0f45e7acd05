/// A payment (or refund) the provider refused, as a value with a standardized code.
///
/// Declines are ordinary outcomes, returned rather than thrown: the kernel records them on the
/// payment and shows ``message`` to the payer. Plugins map their provider's codes onto
/// ``Code`` and keep the original in ``providerCode`` for support.
///
/// | ``Code`` | Stripe | PayPal | NetCash (ACB unpaid) |
/// |---|---|---|---|
/// | `card_declined` | `card_declined`/`generic_decline` | `INSTRUMENT_DECLINED` | card decline |
/// | `insufficient_funds` | `insufficient_funds` | — | `02` |
/// | `expired` | `expired_card` | — | — |
/// | `invalid_details` | `incorrect_number`, `invalid_cvc` | `INVALID_PARAMETER_VALUE` | `26` no such account |
/// | `fraud_suspected` | `fraudulent` | `TRANSACTION_REFUSED` | — |
/// | `not_authorized` | — | — | `03`, `30`, `32`, `34` |
/// | `account_closed` | — | — | `12`, `08`, `10`, `18` |
/// | `payer_canceled` | — | buyer cancelled | `04`, `36` |
/// | `processing_error` | `processing_error` | — | — |
public struct PaymentGatewayDecline: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A standardized decline code. New codes may be added; match with `==`.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The issuer declined without a more specific reason.
        public static let cardDeclined = Code(rawValue: "card_declined")
        /// Not enough money in the account.
        public static let insufficientFunds = Code(rawValue: "insufficient_funds")
        /// The card or authorization has expired.
        public static let expired = Code(rawValue: "expired")
        /// Card number, CVC, account number or branch code is wrong.
        public static let invalidDetails = Code(rawValue: "invalid_details")
        /// The provider or issuer suspects fraud.
        public static let fraudSuspected = Code(rawValue: "fraud_suspected")
        /// The payer must authenticate (3-D Secure) and did not.
        public static let authenticationRequired = Code(rawValue: "authentication_required")
        /// The payer cancelled, or stopped the debit.
        public static let payerCanceled = Code(rawValue: "payer_canceled")
        /// No authority to debit: mandate missing, cancelled or exceeded; debits not allowed.
        public static let notAuthorized = Code(rawValue: "not_authorized")
        /// The account is closed, frozen or its holder can no longer pay.
        public static let accountClosed = Code(rawValue: "account_closed")
        /// A limit was reached (per-transaction limit, too many attempts).
        public static let limitExceeded = Code(rawValue: "limit_exceeded")
        /// The provider refuses the operation in the payment's current state (already fully
        /// refunded, refund window passed, amount above what remains).
        public static let notAllowed = Code(rawValue: "not_allowed")
        /// The provider could not process it; trying again may work.
        public static let processingError = Code(rawValue: "processing_error")
        /// Anything else.
        public static let other = Code(rawValue: "other")
    }

    /// The standardized reason.
    public var code: Code
    /// A short explanation safe to show to the payer.
    public var message: String
    /// The provider's own code (`"card_declined/insufficient_funds"`, `"INSTRUMENT_DECLINED"`, `"02"`).
    public var providerCode: String?
    /// Whether the same payment method may succeed if tried again later.
    public var isRetryable: Bool

    public init(_ code: Code, message: String, providerCode: String? = nil, isRetryable: Bool? = nil) {
        self.code = code
        self.message = message
        self.providerCode = providerCode
        self.isRetryable = isRetryable ?? (code == .processingError || code == .insufficientFunds)
    }

    public var description: String {
        providerCode.map { "\(code.rawValue) (\($0)): \(message)" } ?? "\(code.rawValue): \(message)"
    }
}

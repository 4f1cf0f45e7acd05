/// Recording payments in a provider's accounting books, so an invoice there shows as paid
/// (Wave's `invoicePaymentCreateManual`).
///
/// A gateway adopts this protocol in addition to ``PaymentGateway`` and lists
/// ``PaymentGatewayOperation/accountingSync`` in its capabilities. The kernel calls it after
/// its own payment record succeeded, whichever gateway collected the money.
///
/// ## Implementation requirements
/// - Pass ``PaymentGatewayAccountingEntry/idempotencyKey`` where the provider deduplicates
///   (Wave `externalId`); otherwise look for an existing record with the key before creating one.
/// - Convert amounts exactly (Wave takes decimals: ``Money/decimalString``).
/// - A refusal on the data (Wave `didSucceed: false` with `inputErrors`) throws ``PortalError``
///   `invalid` with the provider's path as `field`; an unreachable provider lets
///   ``TransportError`` propagate.
///
/// ```swift
/// extension WaveGateway: PaymentGatewayAccountingSync {
///     func recordPayment(_ entry: PaymentGatewayAccountingEntry, account: ProviderAccount) async throws -> PaymentGatewayAccountingReceipt {
///         let payment = try await graphQL.invoicePaymentCreateManual(entry, businessID: try account.setting("business_id"))
///         return PaymentGatewayAccountingReceipt(providerReference: payment.id)
///     }
/// }
/// ```
public protocol PaymentGatewayAccountingSync: PaymentGateway {
    /// Records one received payment against an invoice in the provider's books.
    func recordPayment(_ entry: PaymentGatewayAccountingEntry, account: ProviderAccount) async throws
        -> PaymentGatewayAccountingReceipt
}

/// A received payment to record in accounting software.
public struct PaymentGatewayAccountingEntry: Sendable, Hashable, Codable {
    /// The kernel's payment id.
    public var paymentID: String
    /// Deduplicates the record at the provider (same rules as ``PaymentGatewayRequest/idempotencyKey``).
    public var idempotencyKey: String
    /// The kernel's invoice number.
    public var invoiceNumber: String
    /// The provider's id for the invoice, when the kernel has mirrored it there.
    public var providerInvoiceID: String?
    public var amount: Money
    /// The day the money was received.
    public var paidOn: LocalDate
    /// How it was paid, in the kernel's words (`"card"`, `"eft"`, `"debit_order"`, `"cash"`).
    public var method: String
    /// The gateway that collected it and its reference, for the memo.
    public var collectedBy: String?
    public var memo: String?

    public init(
        paymentID: String, idempotencyKey: String, invoiceNumber: String, providerInvoiceID: String? = nil,
        amount: Money, paidOn: LocalDate, method: String, collectedBy: String? = nil, memo: String? = nil
    ) {
        self.paymentID = paymentID
        self.idempotencyKey = idempotencyKey
        self.invoiceNumber = invoiceNumber
        self.providerInvoiceID = providerInvoiceID
        self.amount = amount
        self.paidOn = paidOn
        self.method = method
        self.collectedBy = collectedBy
        self.memo = memo
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId", idempotencyKey, invoiceNumber, providerInvoiceID = "providerInvoiceId", amount
        case paidOn, method, collectedBy, memo
    }
}

/// The provider's record of a payment entered in its books.
public struct PaymentGatewayAccountingReceipt: Sendable, Hashable, Codable {
    /// The provider's id for the recorded payment.
    public var providerReference: String

    public init(providerReference: String) {
        self.providerReference = providerReference
    }
}

/// A request to return money from a collected payment.
///
/// Like payments, refunds carry the kernel's ids and an idempotency key (Stripe
/// `Idempotency-Key`, PayPal `PayPal-Request-Id`), so a retried refund is not paid twice.
public struct PaymentGatewayRefundRequest: Sendable, Hashable, Codable {
    /// Why money is returned, for providers that record it (Stripe `reason`).
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case duplicate
        case fraudulent
        case requestedByCustomer = "requested_by_customer"
        case other
    }

    /// The kernel's refund id.
    public var refundID: String
    /// The kernel's id of the payment being refunded.
    public var paymentID: String
    /// The refund's idempotency key (same rules as ``PaymentGatewayRequest/idempotencyKey``).
    public var idempotencyKey: String
    /// The payment's reference, as stored from its start and events.
    public var reference: PaymentGatewayReference
    /// How much to return; `nil` returns everything not yet refunded.
    public var amount: Money?
    public var reason: Reason
    /// A note the provider may show the payer (PayPal `note_to_payer`).
    public var note: String?

    public init(
        refundID: String, paymentID: String, idempotencyKey: String, reference: PaymentGatewayReference,
        amount: Money? = nil, reason: Reason = .requestedByCustomer, note: String? = nil
    ) {
        self.refundID = refundID
        self.paymentID = paymentID
        self.idempotencyKey = idempotencyKey
        self.reference = reference
        self.amount = amount
        self.reason = reason
        self.note = note
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case refundID = "refundId", paymentID = "paymentId", idempotencyKey, reference, amount, reason, note
    }

    /// Whether this returns only part of what remains.
    public var isPartial: Bool { amount != nil }
}

/// How a payment stands at the provider: the answer to
/// ``PaymentGateway/paymentStatus(_:account:)`` and the content of
/// ``PaymentGatewayStart/processed(_:)``.
public struct PaymentGatewayStatus: Sendable, Hashable, Codable {
    /// The provider's reference, possibly with related ids learned since the start.
    public var reference: PaymentGatewayReference
    /// The provider's state in the kernel's vocabulary.
    public var state: PaymentGatewayState
    /// The amount the provider collected or is collecting, when it reports one.
    public var amount: Money?
    /// The total refunded so far, when the provider reports it.
    public var amountRefunded: Money?
    /// The provider's fee, when it reports one.
    public var fee: Money?
    /// Why the attempt failed, when ``state`` is `failed`.
    public var decline: PaymentGatewayDecline?
    /// When the provider last changed the payment, when it says.
    public var updatedAt: Instant?

    public init(
        reference: PaymentGatewayReference, state: PaymentGatewayState, amount: Money? = nil,
        amountRefunded: Money? = nil, fee: Money? = nil, decline: PaymentGatewayDecline? = nil,
        updatedAt: Instant? = nil
    ) {
        self.reference = reference
        self.state = state
        self.amount = amount
        self.amountRefunded = amountRefunded
        self.fee = fee
        self.decline = decline
        self.updatedAt = updatedAt
    }
}

/// What the kernel knows about a payment when it asks the provider for its status.
public struct PaymentGatewayLookup: Sendable, Hashable, Codable {
    /// The kernel's payment id.
    public var paymentID: String
    /// The reference stored from the start or from events; `nil` when the start never answered
    /// (a timeout), in which case plugins that can search by the kernel's id or idempotency key
    /// do so.
    public var reference: PaymentGatewayReference?
    /// The idempotency key of the attempt being looked up.
    public var idempotencyKey: String
    /// The amount the kernel expects, for providers whose look-up must be matched (NetCash).
    public var expectedAmount: Money?

    public init(
        paymentID: String, reference: PaymentGatewayReference?, idempotencyKey: String, expectedAmount: Money? = nil
    ) {
        self.paymentID = paymentID
        self.reference = reference
        self.idempotencyKey = idempotencyKey
        self.expectedAmount = expectedAmount
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId", reference, idempotencyKey, expectedAmount
    }
}

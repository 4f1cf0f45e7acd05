/// Something a provider reported about a payment through a webhook or postback, parsed by
/// ``PaymentGateway/parseWebhook(_:account:)``.
///
/// Events are facts for the kernel's state machine, not commands: deliveries repeat and arrive
/// out of order, so the kernel deduplicates on ``providerEventID`` and checks each event
/// against its record (and, for ``WebhookVerification/unsigned`` gateways, against
/// ``callbackToken``, ``reference`` and ``amount``) before acting.
public struct PaymentGatewayEvent: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The payer must act again (Stripe `payment_intent.requires_action`).
        case actionRequired = "action_required"
        /// The payment is under way but not settled (Stripe `processing`, PayPal `PAYMENT.CAPTURE.PENDING`,
        /// a NetCash "pending" postback).
        case pending
        /// The money was collected (Stripe `payment_intent.succeeded`, PayPal `PAYMENT.CAPTURE.COMPLETED`).
        case succeeded
        /// The attempt failed; see ``PaymentGatewayEvent/decline``.
        case failed
        /// The attempt was cancelled.
        case canceled
        /// The attempt lapsed (Stripe `checkout.session.expired`).
        case expired
        /// Money was returned; ``PaymentGatewayEvent/amount`` is the amount of this refund.
        case refunded
        /// A refund failed after being accepted.
        case refundFailed = "refund_failed"
        /// The payer disputed the payment (Stripe `charge.dispute.created`, PayPal `PAYMENT.CAPTURE.REVERSED`).
        case disputed
        /// A dispute was decided for the merchant.
        case disputeWon = "dispute_won"
        /// A dispute was decided for the payer.
        case disputeLost = "dispute_lost"
    }

    public var kind: Kind
    /// The provider's event type as received (`"payment_intent.succeeded"`), for logs.
    public var providerEventType: String
    /// The provider's id for the delivery or event (`evt_…`, `WH-…`, NetCash `RequestTrace`),
    /// for deduplication.
    public var providerEventID: String?
    /// The kernel's payment id, when the provider echoed it back.
    public var paymentID: String?
    /// The provider's reference for the payment.
    public var reference: PaymentGatewayReference?
    /// The amount concerned: collected for `succeeded`, refunded for `refunded`, disputed for `disputed`.
    public var amount: Money?
    /// The kernel's refund id, for refund events the provider can tie to one.
    public var refundID: String?
    /// The provider's refund id, for refund events.
    public var refundReference: String?
    /// Why the attempt failed, for `failed` and `refund_failed`.
    public var decline: PaymentGatewayDecline?
    /// The ``PaymentGatewayRequest/callbackToken`` echoed back by the provider.
    public var callbackToken: String?
    /// When the provider says it happened.
    public var occurredAt: Instant?

    public init(
        kind: Kind, providerEventType: String, providerEventID: String? = nil, paymentID: String? = nil,
        reference: PaymentGatewayReference? = nil, amount: Money? = nil, refundID: String? = nil,
        refundReference: String? = nil, decline: PaymentGatewayDecline? = nil, callbackToken: String? = nil,
        occurredAt: Instant? = nil
    ) {
        self.kind = kind
        self.providerEventType = providerEventType
        self.providerEventID = providerEventID
        self.paymentID = paymentID
        self.reference = reference
        self.amount = amount
        self.refundID = refundID
        self.refundReference = refundReference
        self.decline = decline
        self.callbackToken = callbackToken
        self.occurredAt = occurredAt
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case kind, providerEventType, providerEventID = "providerEventId", paymentID = "paymentId", reference, amount
        case refundID = "refundId", refundReference, decline, callbackToken, occurredAt
    }
}

/// Something a payment gateway can do, as data in ``PaymentGatewayCapabilities``.
///
/// The first group are *flows*: ways a payment can be started, one of which a
/// ``PaymentGatewayRequest`` may ask for. New operations may be added; match with `==`.
public struct PaymentGatewayOperation: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    // MARK: Flows

    /// Send the payer to a page the provider hosts (Stripe Checkout, PayPal approval).
    public static let hostedCheckout = PaymentGatewayOperation(rawValue: "hosted_checkout")
    /// Have the payer's browser post a form to the provider (NetCash Pay Now).
    public static let formPost = PaymentGatewayOperation(rawValue: "form_post")
    /// Confirm in the payer's browser with a client secret (Stripe Payment Element).
    public static let clientConfirmation = PaymentGatewayOperation(rawValue: "client_confirmation")
    /// Charge a payment method saved earlier, without the payer present (Stripe `off_session`).
    public static let savedPaymentMethod = PaymentGatewayOperation(rawValue: "saved_payment_method")
    /// Show the payer instructions and wait for money to arrive (manual bank transfer).
    public static let offlineInstructions = PaymentGatewayOperation(rawValue: "offline_instructions")

    // MARK: Other operations

    /// ``PaymentGateway/paymentStatus(_:account:)`` asks the provider.
    public static let statusLookup = PaymentGatewayOperation(rawValue: "status_lookup")
    /// Refund the whole remaining amount.
    public static let fullRefund = PaymentGatewayOperation(rawValue: "full_refund")
    /// Refund part of a payment, possibly several times.
    public static let partialRefund = PaymentGatewayOperation(rawValue: "partial_refund")
    /// Inbound webhooks or postbacks report outcomes.
    public static let webhooks = PaymentGatewayOperation(rawValue: "webhooks")
    /// Debit-order batches and mandates (NetCash NIWS); see ``PaymentGatewayDebitOrders``.
    public static let debitOrderBatches = PaymentGatewayOperation(rawValue: "debit_order_batches")
    /// Recording payments in the provider's books (Wave); see ``PaymentGatewayAccountingSync``.
    public static let accountingSync = PaymentGatewayOperation(rawValue: "accounting_sync")

    /// The operations that start a payment.
    public static let flows: Set<PaymentGatewayOperation> = [
        .hostedCheckout, .formPost, .clientConfirmation, .savedPaymentMethod, .offlineInstructions,
    ]

    /// Whether this operation is a way to start a payment.
    public var isFlow: Bool { Self.flows.contains(self) }
}

/// The result of ``PaymentGateway/startPayment(_:account:)``.
///
/// ```swift
/// switch try await gateway.startPayment(request, account: account) {
/// case .nextStep(let step, let reference): // store reference, show the step to the payer
/// case .processed(let status):             // the provider finished at once (saved card)
/// case .declined(let decline, _):          // record the decline, offer another method
/// }
/// ```
public enum PaymentGatewayStart: Sendable, Hashable, Codable {
    /// The payer (or their browser) must do something next.
    case nextStep(PaymentGatewayNextStep, reference: PaymentGatewayReference)
    /// The provider processed the payment straight away; ``PaymentGatewayStatus/state`` says how
    /// it stands (`succeeded`, `processing`, …).
    case processed(PaymentGatewayStatus)
    /// The provider refused the payment. The reference is present when the provider created a
    /// record for the attempt (a Stripe PaymentIntent left in `requires_payment_method`).
    case declined(PaymentGatewayDecline, reference: PaymentGatewayReference?)

    /// The provider's reference for the attempt, when there is one.
    public var reference: PaymentGatewayReference? {
        switch self {
        case .nextStep(_, let reference): reference
        case .processed(let status): status.reference
        case .declined(_, let reference): reference
        }
    }
}

/// Where a payment stands at the provider, in the kernel's vocabulary.
///
/// Plugins map provider states onto these; the kernel's own payment state machine decides
/// what each means for its record. Terminal states are ``succeeded``, ``failed``,
/// ``canceled``, ``expired`` and ``refunded``.
///
/// | State | Stripe PaymentIntent | PayPal (order / capture) | NetCash |
/// |---|---|---|---|
/// | `awaiting_payer` | `requires_payment_method`, `requires_confirmation`, `requires_action` | `CREATED`, `PAYER_ACTION_REQUIRED`, `APPROVED` | form not yet posted |
/// | `processing` | `processing` | capture `PENDING` | "pending" EFT reason |
/// | `authorized` | `requires_capture` | authorization created | — |
/// | `succeeded` | `succeeded` | capture `COMPLETED` | `TransactionAccepted=true` |
/// | `failed` | `last_payment_error` set | capture `DECLINED`/`FAILED` | `TransactionAccepted=false` |
/// | `canceled` | `canceled` | `VOIDED` | — |
/// | `expired` | Checkout Session `expired` | — | — |
/// | `partially_refunded` / `refunded` | charge `amount_refunded` | capture `PARTIALLY_REFUNDED` / `REFUNDED` | — |
/// | `disputed` | charge disputed | capture `REVERSED` | — |
public enum PaymentGatewayState: String, Sendable, Hashable, Codable, CaseIterable {
    /// The payer has not finished (or the provider needs them to act).
    case awaitingPayer = "awaiting_payer"
    /// The payer finished; the provider has not settled yet (bank transfer, review).
    case processing
    /// Funds are held and must be captured.
    case authorized
    /// The money was collected.
    case succeeded
    /// The attempt failed; see the decline.
    case failed
    /// The attempt was cancelled before money moved.
    case canceled
    /// The attempt lapsed without payment.
    case expired
    /// Part of the collected money was returned.
    case partiallyRefunded = "partially_refunded"
    /// All of the collected money was returned.
    case refunded
    /// The payer disputed the payment (chargeback).
    case disputed

    /// Whether no further change is expected without a new action (a refund, a dispute).
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .canceled, .expired, .refunded: true
        case .awaitingPayer, .processing, .authorized, .partiallyRefunded, .disputed: false
        }
    }
}

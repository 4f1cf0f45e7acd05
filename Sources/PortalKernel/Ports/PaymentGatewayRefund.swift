/// The provider's answer to a refund request.
///
/// A refund the provider refuses (already fully refunded, refund window over, amount above
/// what remains) is a value with ``state`` `declined` and a ``decline``; throwing is for a
/// provider that could not be asked or a plugin that cannot understand the answer.
public struct PaymentGatewayRefund: Sendable, Hashable, Codable {
    /// Where the refund stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Accepted; money is on its way (bank refunds take days).
        case pending
        /// The money was returned.
        case succeeded
        /// The provider refused or the refund failed later.
        case declined
    }

    public var state: State
    /// The provider's id for the refund (Stripe `re_…`, PayPal refund id); absent when refused
    /// before one was created.
    public var providerReference: String?
    /// The amount returned, when the provider reports it.
    public var amount: Money?
    /// Why it was refused, when ``state`` is `declined`.
    public var decline: PaymentGatewayDecline?

    public init(state: State, providerReference: String? = nil, amount: Money? = nil, decline: PaymentGatewayDecline? = nil) {
        self.state = state
        self.providerReference = providerReference
        self.amount = amount
        self.decline = decline
    }

    /// A refused refund.
    public static func declined(_ decline: PaymentGatewayDecline, providerReference: String? = nil) -> PaymentGatewayRefund {
        PaymentGatewayRefund(state: .declined, providerReference: providerReference, decline: decline)
    }
}

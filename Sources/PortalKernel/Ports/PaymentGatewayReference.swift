/// The provider's identifiers for one payment attempt, kept by the kernel with its payment
/// record and handed back to the plugin on later calls.
///
/// ``id`` is the provider's main identifier; ``related`` holds any others the plugin will
/// need, under names the plugin chooses:
///
/// | Provider | `id` | `related` |
/// |---|---|---|
/// | Stripe | PaymentIntent `pi_…` (or Checkout Session `cs_…`) | `"checkout_session"`, `"charge"` |
/// | PayPal | order id | `"capture"` (refunds go to the capture) |
/// | NetCash Pay Now | the `p2` reference | `"request_trace"` |
/// | Manual transfer | the reference the payer quotes | — |
public struct PaymentGatewayReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The provider's main identifier for the attempt.
    public var id: String
    /// Further provider identifiers by name.
    public var related: [String: String]

    public init(id: String, related: [String: String] = [:]) {
        self.id = id
        self.related = related
    }

    /// The related identifier called `name`.
    public subscript(name: String) -> String? {
        get { related[name] }
        set { related[name] = newValue }
    }

    /// This reference with the related identifiers of `other` added (`other` wins on a clash),
    /// for combining what a status look-up or an event reports with what was stored.
    public func merging(_ other: PaymentGatewayReference) -> PaymentGatewayReference {
        PaymentGatewayReference(id: id, related: related.merging(other.related) { _, new in new })
    }

    public var description: String { id }
}

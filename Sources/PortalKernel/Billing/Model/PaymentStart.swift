/// A payment that has been started ("pay now"): which invoice, how much, through which gateway,
/// and the gateway's answer (instructions to follow or a page to go to).
public struct PaymentStart: Sendable, Hashable {
    public var invoiceId: InvoiceID
    public var invoiceNumber: String?
    /// What is due on the invoice, which the payment is for.
    public var amount: Money
    /// The plugin name of the gateway (`manual`, `stripe`, …).
    public var gateway: String
    public var start: PaymentGatewayStart
}

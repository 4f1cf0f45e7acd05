/// The payment gateway port: how the kernel takes money through Stripe, PayPal, NetCash, a
/// manual bank transfer and other providers.
///
/// The kernel owns the payment record and its state machine; a gateway plugin only translates
/// between the kernel's vocabulary and one provider's API. Every call carries the kernel's own
/// ids and an idempotency key, so deduplication is the kernel's job (as in Kill Bill's plugin
/// API), and outcomes come back as values in a small standard vocabulary
/// (``PaymentGatewayState``, ``PaymentGatewayDecline/Code``, ``PaymentGatewayEvent/Kind``).
///
/// - ``capabilities`` says, as data, where the gateway works and what it can do.
/// - ``startPayment(_:account:)`` begins an attempt and says what the payer must do next:
///   follow a redirect, submit a form, confirm in the browser, or follow instructions.
/// - ``paymentStatus(_:account:)`` asks the provider how an attempt stands.
/// - ``refund(_:account:)`` returns all or part of a payment.
/// - ``webhookVerification(for:)`` and ``parseWebhook(_:account:)`` turn inbound webhooks and
///   postbacks into ``PaymentGatewayEvent``s.
///
/// Debit-order batches (``PaymentGatewayDebitOrders``) and recording payments in accounting
/// software (``PaymentGatewayAccountingSync``) are separate protocols a gateway adopts when
/// it offers them.
///
/// ## Implementation requirements
/// - Keep no payment state. Everything a call needs arrives in its arguments; what the provider
///   returns is handed back to the kernel (``PaymentGatewayReference``) and comes back on later calls.
/// - Send the request's idempotency key as the provider's idempotency token (Stripe
///   `Idempotency-Key`, PayPal `PayPal-Request-Id`, NetCash `p2`, Wave `externalId`). A call
///   repeated with the same key must not move money twice. Store the kernel's payment id
///   where the provider echoes it (Stripe metadata, PayPal `custom_id`, NetCash `m4`).
/// - Amounts cross the port as ``Money``. Convert exactly: Stripe takes integer minor units and
///   lowercase currency codes, PayPal and NetCash decimal text with the currency's number of
///   decimals (``Money/decimalString``). Never go through floating point.
/// - A refusal by the provider — a declined card, insufficient funds, a refund over the
///   remaining amount — is a *returned value* with a standard code
///   (``PaymentGatewayStart/declined(_:reference:)``, ``PaymentGatewayStatus/decline``,
///   ``PaymentGatewayRefund/declined(_:providerReference:)``). Throw only when the provider could
///   not be asked (let ``TransportError`` propagate), refused the credentials
///   (``PortalError`` `unavailable`, detail in `debugDetail`), or answered something the plugin
///   cannot understand (``PortalError/internal(debugDetail:)``).
/// - Reach the provider only through the ``HTTPTransport`` given at construction, with the
///   credentials in the ``ProviderAccount`` (falling back to the plugin's settings).
/// - Verify every webhook over its raw body before parsing (see ``WebhookSignature``); a
///   failed check throws ``PortalError`` `unauthenticated`. Return an empty array for event
///   types the gateway does not handle; do not throw for them.
/// - Never log or put in errors: credentials, client secrets, card or bank account numbers.
/// - ``capabilities`` does not change during the plugin's lifetime. Operations a gateway does
///   not list may keep the default implementations, which throw ``PortalError`` `invalid`.
///
/// A sample conformance, a manual bank transfer:
/// ```swift
/// struct BankTransferGateway: PaymentGateway {
///     let capabilities = PaymentGatewayCapabilities(
///         name: "manual", displayName: "Bank transfer", currencies: [.zar], operations: [.offlineInstructions])
///
///     func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart {
///         try request.validate()
///         try capabilities.validate(amount: request.amount)
///         let reference = PaymentGatewayReference(id: request.invoiceNumber ?? request.idempotencyKey)
///         let instructions = PaymentGatewayInstructions(
///             reference: reference.id, summary: "Pay by EFT and quote the reference.",
///             details: [PaymentGatewayLabeledValue("Account number", try account.setting("account_number"))])
///         return .nextStep(.instructions(instructions), reference: reference)
///     }
/// }
/// ```
public protocol PaymentGateway: Sendable {
    /// Where the gateway works and what it can do.
    var capabilities: PaymentGatewayCapabilities { get }

    /// Starts a payment attempt.
    ///
    /// Returns what the payer must do next together with the provider's reference, a payment
    /// the provider processed at once, or a decline.
    func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart

    /// Asks the provider how a payment attempt stands (``PaymentGatewayOperation/statusLookup``).
    func paymentStatus(_ lookup: PaymentGatewayLookup, account: ProviderAccount) async throws -> PaymentGatewayStatus

    /// Returns all or part of a collected payment (``PaymentGatewayOperation/fullRefund``,
    /// ``PaymentGatewayOperation/partialRefund``).
    func refund(_ request: PaymentGatewayRefundRequest, account: ProviderAccount) async throws -> PaymentGatewayRefund

    /// How deliveries like `request` are verified: locally, by calling the provider, or not at
    /// all. The kernel parses ``WebhookVerification/offline`` deliveries in the request handler
    /// and the others from a job. Must not do I/O.
    func webhookVerification(for request: WebhookRequest) -> WebhookVerification

    /// Verifies an inbound webhook or postback and turns it into events
    /// (``PaymentGatewayOperation/webhooks``).
    func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [PaymentGatewayEvent]
}

extension PaymentGateway {
    public func paymentStatus(_ lookup: PaymentGatewayLookup, account: ProviderAccount) async throws -> PaymentGatewayStatus {
        throw PaymentGatewayCapabilities.unsupported(.statusLookup, gateway: capabilities.displayName)
    }

    public func refund(_ request: PaymentGatewayRefundRequest, account: ProviderAccount) async throws -> PaymentGatewayRefund {
        throw PaymentGatewayCapabilities.unsupported(
            request.isPartial ? .partialRefund : .fullRefund, gateway: capabilities.displayName)
    }

    public func webhookVerification(for request: WebhookRequest) -> WebhookVerification { .offline }

    public func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [PaymentGatewayEvent] {
        throw PaymentGatewayCapabilities.unsupported(.webhooks, gateway: capabilities.displayName)
    }
}

/// Everything a gateway needs to start one payment attempt.
///
/// The kernel owns the payment record: ``paymentID`` is the kernel's id and
/// ``idempotencyKey`` identifies this attempt. Plugins send the key as the provider's
/// idempotency token (Stripe `Idempotency-Key`, PayPal `PayPal-Request-Id`, the NetCash `p2`
/// reference, Wave `externalId`) and store the payment id where the provider echoes it back
/// (Stripe `metadata[portal_payment_id]`, PayPal `custom_id`, NetCash `m4`), so webhooks can be
/// matched. Retrying a call with the same key must not create a second charge.
public struct PaymentGatewayRequest: Sendable, Hashable, Codable {
    /// The kernel's payment id (the UUID text of its payment record).
    public var paymentID: String
    /// The attempt's idempotency key: 1–64 characters from `A–Z a–z 0–9 - _ . :`, so it fits
    /// every provider's limit (PayPal allows 108, Stripe 255).
    public var idempotencyKey: String
    /// The amount to collect. Plugins convert: Stripe minor units, PayPal and NetCash decimal text.
    public var amount: Money
    /// What the payer sees ("Invoice INV-0042"). Plugins truncate to the provider's limit
    /// (NetCash: 50 characters).
    public var description: String
    /// The kernel's invoice number, when the payment settles an invoice (PayPal `invoice_id`).
    public var invoiceNumber: String?
    /// Who pays, when known.
    public var payer: PaymentGatewayPayer?
    /// Itemisation for hosted pages that show it; when present the items sum to ``amount``.
    public var lineItems: [PaymentGatewayLineItem]
    /// The flow to use, one of the gateway's ``PaymentGatewayCapabilities/flows``; `nil` lets
    /// the gateway choose its default.
    public var flow: PaymentGatewayOperation?
    /// A provider token for a saved payment method (Stripe `pm_…`, NetCash card token), for
    /// ``PaymentGatewayOperation/savedPaymentMethod``.
    public var savedPaymentMethod: String?
    /// Where the payer's browser returns after a hosted or form flow.
    public var returnURL: String?
    /// Where the payer's browser goes after cancelling.
    public var cancelURL: String?
    /// An unguessable value the kernel keeps with the attempt. Gateways without signed callbacks
    /// send it through the provider (NetCash `m5`) and report it back in
    /// ``PaymentGatewayEvent/callbackToken``, so the kernel can recognise genuine postbacks.
    public var callbackToken: String?
    /// A BCP 47 language tag for provider pages (`"en-ZA"`).
    public var locale: String?
    /// Extra key-value pairs the plugin passes to the provider where it can (Stripe metadata).
    public var metadata: [String: String]

    public init(
        paymentID: String, idempotencyKey: String, amount: Money, description: String,
        invoiceNumber: String? = nil, payer: PaymentGatewayPayer? = nil, lineItems: [PaymentGatewayLineItem] = [],
        flow: PaymentGatewayOperation? = nil, savedPaymentMethod: String? = nil, returnURL: String? = nil,
        cancelURL: String? = nil, callbackToken: String? = nil, locale: String? = nil, metadata: [String: String] = [:]
    ) {
        self.paymentID = paymentID
        self.idempotencyKey = idempotencyKey
        self.amount = amount
        self.description = description
        self.invoiceNumber = invoiceNumber
        self.payer = payer
        self.lineItems = lineItems
        self.flow = flow
        self.savedPaymentMethod = savedPaymentMethod
        self.returnURL = returnURL
        self.cancelURL = cancelURL
        self.callbackToken = callbackToken
        self.locale = locale
        self.metadata = metadata
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId", idempotencyKey, amount, description, invoiceNumber, payer, lineItems, flow
        case savedPaymentMethod, returnURL = "returnUrl", cancelURL = "cancelUrl", callbackToken, locale, metadata
    }

    /// The longest idempotency key the kernel issues.
    public static let maximumIdempotencyKeyLength = KernelKeyFormat.maximumLength

    /// Checks the fields every gateway relies on: a non-empty payment id, a well-formed
    /// idempotency key, a positive amount, line items in the payment's currency that add up.
    /// - Throws: ``PortalError`` `invalid` naming the field.
    public func validate() throws {
        guard !paymentID.isEmpty else { throw PortalError.invalid("A payment id is required.", field: "payment_id") }
        try Self.validate(idempotencyKey: idempotencyKey)
        guard amount.isPositive else { throw PortalError.invalid("The amount must be positive.", field: "amount") }
        guard !lineItems.isEmpty else { return }
        var total = Money.zero(amount.currency)
        for (index, item) in lineItems.enumerated() {
            guard item.unitAmount.currency == amount.currency, item.quantity > 0 else {
                throw PortalError.invalid(
                    "Each line item needs a positive quantity and the payment's currency.", field: "line_items[\(index)]")
            }
            total = try total.adding(item.unitAmount.multiplied(by: Int64(item.quantity)))
        }
        guard total == amount else {
            throw PortalError.invalid("The line items do not add up to the amount.", field: "line_items")
        }
    }

    /// Checks an idempotency key's length and characters.
    /// - Throws: ``PortalError`` `invalid` with field `idempotency_key`.
    public static func validate(idempotencyKey key: String) throws {
        try KernelKeyFormat.validate(key, field: "idempotency_key")
    }
}

/// The person or company paying, as far as the kernel knows them.
public struct PaymentGatewayPayer: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    /// In E.164 form where possible (`+27821234567`).
    public var phone: String?
    /// ISO 3166-1 alpha-2.
    public var country: String?
    /// The provider's customer id from an earlier payment (Stripe `cus_…`).
    public var providerCustomerID: String?

    public init(
        name: String? = nil, email: String? = nil, phone: String? = nil, country: String? = nil,
        providerCustomerID: String? = nil
    ) {
        self.name = name
        self.email = email
        self.phone = phone
        self.country = country
        self.providerCustomerID = providerCustomerID
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case name, email, phone, country, providerCustomerID = "providerCustomerId"
    }
}

/// One line of what is being paid for, for hosted pages that itemise.
public struct PaymentGatewayLineItem: Sendable, Hashable, Codable {
    public var description: String
    public var quantity: Int
    /// The price of one unit, in the payment's currency.
    public var unitAmount: Money

    public init(description: String, quantity: Int = 1, unitAmount: Money) {
        self.description = description
        self.quantity = quantity
        self.unitAmount = unitAmount
    }
}

/// What must happen next for a started payment to proceed, as returned in
/// ``PaymentGatewayStart/nextStep(_:reference:)``. The front end turns it into a redirect, an
/// auto-submitting form, a call to the provider's browser library, or a page of instructions.
public enum PaymentGatewayNextStep: Sendable, Hashable, Codable {
    /// Send the payer's browser to `url` (Stripe Checkout, the PayPal `approve` link).
    case redirect(url: String)
    /// Have the payer's browser POST a form (NetCash Pay Now).
    case formPost(PaymentGatewayFormPost)
    /// Confirm in the browser with the provider's library (Stripe Payment Element).
    case clientConfirmation(PaymentGatewayClientConfirmation)
    /// Show instructions; the money arrives outside the system (manual bank transfer).
    case instructions(PaymentGatewayInstructions)
}

/// An HTML form the payer's browser submits to the provider, with fields in order.
///
/// Render as `<form method="post" action="url" target="_top">` with one hidden input per field
/// and submit it automatically; never inside an iframe.
public struct PaymentGatewayFormPost: Sendable, Hashable, Codable {
    /// One form field.
    public struct Field: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The form's `action`.
    public var url: String
    /// The fields, in the order to send them.
    public var fields: [Field]

    public init(url: String, fields: [Field]) {
        self.url = url
        self.fields = fields
    }

    /// The value of the first field called `name`.
    public subscript(name: String) -> String? { fields.first { $0.name == name }?.value }
}

/// What the provider's browser library needs to confirm a payment in the page.
public struct PaymentGatewayClientConfirmation: Sendable, Hashable, Codable {
    /// The secret that lets the browser confirm this one payment (Stripe `pi_…_secret_…`). It
    /// goes to the payer's browser only; never log it.
    public var clientSecret: String
    /// The provider's public key for its library (Stripe `pk_…`), when the page needs it.
    public var publishableKey: String?
    /// Where the library sends the payer after an extra step such as 3-D Secure.
    public var returnURL: String?

    public init(clientSecret: String, publishableKey: String? = nil, returnURL: String? = nil) {
        self.clientSecret = clientSecret
        self.publishableKey = publishableKey
        self.returnURL = returnURL
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case clientSecret, publishableKey, returnURL = "returnUrl"
    }
}

/// Instructions for paying outside the system, such as a bank transfer.
public struct PaymentGatewayInstructions: Sendable, Hashable, Codable {
    /// The reference the payer must quote so the payment can be matched.
    public var reference: String
    /// A sentence or two for the payer ("Pay by EFT and quote the reference below.").
    public var summary: String
    /// Labelled details in display order (bank, account holder, account number, branch code).
    public var details: [PaymentGatewayLabeledValue]
    /// The date by which to pay, when there is one.
    public var dueDate: LocalDate?

    public init(reference: String, summary: String, details: [PaymentGatewayLabeledValue] = [], dueDate: LocalDate? = nil) {
        self.reference = reference
        self.summary = summary
        self.details = details
        self.dueDate = dueDate
    }
}

/// A label and a value shown together ("Branch code" — "250655").
public struct PaymentGatewayLabeledValue: Sendable, Hashable, Codable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

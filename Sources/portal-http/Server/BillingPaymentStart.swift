import PortalKernel

/// A gateway's answer to "how do I pay this invoice?" as JSON: the kernel's
/// ``PaymentGatewayStart`` with its cases spelt out by `outcome` and `next_step.type`, so a
/// browser can switch on strings.
///
/// ```json
/// {"outcome": "next_step", "gateway": "manual", "reference": "INV-2026-03-00001",
///  "next_step": {"type": "instructions", "reference": "INV-2026-03-00001", "summary": "Pay by EFT…",
///                "details": [{"label": "Bank", "value": "…"}], "due_date": "2026-03-16"}}
/// ```
struct BillingPaymentStart: Codable, Sendable, Hashable {
    /// `next_step` (the payer acts next), `processed` (done at once) or `declined`.
    var outcome: String
    var gateway: String
    /// The provider's reference for the attempt, when there is one.
    var reference: String?
    var nextStep: Step?
    /// For `processed`: the provider's state (`succeeded`, `processing`, …).
    var state: String?
    /// For `declined`, and for a `processed` attempt that failed.
    var decline: Decline?

    /// What the payer (or their browser) does next; the fields that apply depend on `type`.
    struct Step: Codable, Sendable, Hashable {
        /// `redirect`, `form_post`, `client_confirmation` or `instructions`.
        var type: String
        /// `redirect`: where to send the browser; `form_post`: the form's action.
        var url: String?
        /// `form_post`: the fields to post, in order.
        var fields: [PaymentGatewayFormPost.Field]?
        /// `client_confirmation`: the secret for the provider's browser library.
        var clientSecret: String?
        var publishableKey: String?
        var returnUrl: String?
        /// `instructions`: the reference the payer must quote.
        var reference: String?
        var summary: String?
        var details: [PaymentGatewayLabeledValue]?
        var dueDate: LocalDate?
    }

    /// Why the provider refused, in the kernel's standard codes.
    struct Decline: Codable, Sendable, Hashable {
        var code: String
        var message: String
        var retryable: Bool
    }
}

extension BillingPaymentStart {
    init(_ start: PaymentGatewayStart, gateway: String) {
        self.gateway = gateway
        self.reference = start.reference?.id
        switch start {
        case .nextStep(let step, _):
            outcome = "next_step"
            nextStep = Step(step)
        case .processed(let status):
            outcome = "processed"
            state = status.state.rawValue
            decline = status.decline.map(Decline.init)
        case .declined(let refusal, _):
            outcome = "declined"
            decline = Decline(refusal)
        }
    }
}

extension BillingPaymentStart.Step {
    init(_ step: PaymentGatewayNextStep) {
        switch step {
        case .redirect(let url):
            self.init(type: "redirect", url: url)
        case .formPost(let form):
            self.init(type: "form_post", url: form.url, fields: form.fields)
        case .clientConfirmation(let confirmation):
            self.init(
                type: "client_confirmation", clientSecret: confirmation.clientSecret,
                publishableKey: confirmation.publishableKey, returnUrl: confirmation.returnURL)
        case .instructions(let instructions):
            self.init(
                type: "instructions", reference: instructions.reference, summary: instructions.summary,
                details: instructions.details, dueDate: instructions.dueDate)
        }
    }
}

extension BillingPaymentStart.Decline {
    init(_ decline: PaymentGatewayDecline) {
        self.init(code: decline.code.rawValue, message: decline.message, retryable: decline.isRetryable)
    }
}

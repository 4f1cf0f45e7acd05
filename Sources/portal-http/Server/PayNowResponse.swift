import PortalKernel

/// The answer to "pay now": which invoice is being paid and how much is due on it, then the
/// gateway's answer spelt out as ``BillingPaymentStart`` spells it.
///
/// ```json
/// {"invoice_id": "…", "invoice_number": "INV-2026-03-00001", "amount": {"amount": 50000, "currency": "ZAR"},
///  "outcome": "next_step", "gateway": "manual", "reference": "INV-2026-03-00001",
///  "next_step": {"type": "instructions", "summary": "Pay by EFT…", "details": […], "due_date": "2026-03-16"}}
/// ```
struct PayNowResponse: Codable, Sendable, Hashable {
    var invoiceId: InvoiceID
    var invoiceNumber: String?
    /// What is due on the invoice, which the payment is for.
    var amount: Money
    /// `next_step`, `processed` or `declined` (see ``BillingPaymentStart/outcome``).
    var outcome: String
    var gateway: String
    var reference: String?
    var nextStep: BillingPaymentStart.Step?
    var state: String?
    var decline: BillingPaymentStart.Decline?
}

extension PayNowResponse {
    init(_ started: PaymentStart) {
        let answer = BillingPaymentStart(started.start, gateway: started.gateway)
        self.init(
            invoiceId: started.invoiceId, invoiceNumber: started.invoiceNumber, amount: started.amount, outcome: answer.outcome,
            gateway: answer.gateway, reference: answer.reference, nextStep: answer.nextStep, state: answer.state,
            decline: answer.decline)
    }
}

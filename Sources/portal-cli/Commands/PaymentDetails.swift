import PortalKernel

/// A payment as `label: value` lines followed by its allocations.
struct PaymentDetails {
    let payment: Payment
    let company: String?

    var rendered: String {
        var fields: [(String, String)] = [
            ("Payment", payment.id.uuidString), ("Company", company ?? payment.companyId.uuidString),
            ("Status", payment.status.rawValue), ("Amount", payment.amount.formatted()), ("Gateway", payment.gateway),
            ("Reference", payment.reference.cell), ("Received", payment.receivedOn?.iso8601 ?? "-"),
            ("Recorded by", payment.recordedBy),
        ]
        if !payment.refundedAmount.isZero { fields.append(("Refunded", payment.refundedAmount.formatted())) }
        if let decided = payment.decidedBy { fields.append(("Decided by", decided)) }
        if let reason = payment.decisionReason { fields.append(("Reason", reason)) }
        fields.append(("To customer credit", payment.creditedToBalance.formatted()))
        let currency = payment.amount.currency
        let applied = payment.allocations.map { "  \($0.invoiceId)  \(Money.text($0.amount, currency))" }
        return DetailLines(fields).rendered + (applied.isEmpty ? "" : "Applied to:\n" + applied.joined(separator: "\n") + "\n")
    }
}

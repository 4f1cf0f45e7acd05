@testable import PortalKernel

/// A realistic invoice, as a draft and finalized, and an audit event around given changes.
enum AuditFixtures {
    static let created = Instant(secondsSinceEpoch: 1_772_323_200)
    static let finalized = Instant(secondsSinceEpoch: 1_774_915_200)

    /// A two-line draft invoice and the same invoice finalized (numbered, dated, open).
    static func invoices() -> (draft: Invoice, final: Invoice) {
        var generator = SeededGenerator(seed: 42)
        let vat = AppliedTax(code: "VAT", name: "VAT 15%", percent: 15, inclusive: false)
        func money(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .zar) }
        func line(_ position: Int, _ text: String, _ unit: Int64) -> InvoiceLine {
            InvoiceLine(
                id: InvoiceLineID.generate(at: created, using: &generator), position: position, kind: .item, description: text,
                quantity: Quantity(thousandths: 2_500), unitAmount: money(unit), discountPercent: Percentage(partsPerMillion: 0),
                tax: vat, grossAmount: money(unit * 5 / 2), discountAmount: money(0), netAmount: money(unit * 5 / 2),
                taxAmount: money(unit * 3 / 8), totalAmount: money(unit * 23 / 8), depositInvoiceId: nil,
                periodStart: LocalDate(year: 2026, month: 3, day: 1), periodEnd: LocalDate(year: 2026, month: 3, day: 31))
        }
        let draft = Invoice(
            id: InvoiceID.generate(at: created, using: &generator), tenantId: TenantID.generate(at: created, using: &generator),
            companyId: CompanyID.generate(at: created, using: &generator), number: nil, kind: .standard, status: .draft,
            currency: .zar, issueDate: nil, dueDate: nil, paymentTermsDays: 30,
            periodStart: LocalDate(year: 2026, month: 3, day: 1), periodEnd: LocalDate(year: 2026, month: 3, day: 31),
            applyCompanyDiscount: true, subtotal: money(412_500), taxTotal: money(61_875), total: money(474_375),
            amountPaid: money(0), amountCredited: money(0), amountDue: money(474_375), creditsOnPayment: 0,
            subscriptionId: nil, contractId: nil, memo: "Thanks for your business", finalizedAt: nil, paidAt: nil, voidedAt: nil,
            statusReason: nil,
            lines: [line(1, "Consulting — March / on-site \"phase 2\"", 120_000), line(2, "Hosting (monthly)", 45_000)],
            createdAt: created, updatedAt: created)
        var final = draft
        final.status = .open
        final.number = "INV-2026-03-00042"
        final.issueDate = LocalDate(year: 2026, month: 3, day: 31)
        final.dueDate = LocalDate(year: 2026, month: 4, day: 30)
        final.finalizedAt = finalized
        final.updatedAt = finalized
        return (draft, final)
    }

    /// An event recording `changes`, as the billing run would append it.
    static func event(_ changes: [String: AuditChange], sequence: Int64 = 7) -> AuditEvent {
        var generator = SeededGenerator(seed: UInt64(bitPattern: sequence))
        return AuditEvent(
            id: AuditEventID.generate(at: finalized, using: &generator), tenantId: TenantID.generate(at: created, using: &generator),
            sequence: sequence, occurredAt: finalized, actorType: "system", actorId: "billing-run", actorLabel: "Billing run",
            action: "invoice.finalized", resourceType: "invoice", resourceId: "0195f1c2-0000-7000-8000-000000000001",
            companyId: nil, ipAddress: nil, requestId: "req-1", changes: changes,
            previousHash: Digests.sha256Hex(Array("previous".utf8)), hash: "")
    }
}

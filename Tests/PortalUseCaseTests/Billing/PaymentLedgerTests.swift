import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Payments ledger and credit notes")
struct PaymentLedgerTests {
    @Test(arguments: StorageBackend.allCases)
    func partialPaymentsThenOverpaymentBecomesCustomerCredit(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 100_000)])
            let first = try await fixture.billing.payments.record(
                NewPayment(companyId: company.id, amount: 40_000, allocations: [PaymentAllocation(invoiceId: invoice.id, amount: 40_000)]),
                by: fixture.staff)
            #expect(first.status == .succeeded)
            var current = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
            #expect(current.status == .partiallyPaid)
            #expect(current.amountDue.minorUnits == 60_000)
            _ = try await fixture.billing.payments.record(NewPayment(companyId: company.id, amount: 75_000), by: fixture.staff)
            current = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
            #expect(current.status == .paid)
            #expect(current.amountPaid.minorUnits == 100_000)
            #expect(current.paidAt != nil)
            #expect(try await fixture.billing.payments.customerCredit(company.id, by: fixture.staff).map(\.minorUnits) == [15_000])
            let sums = try await fixture.ledgerSums(invoice.id)
            #expect(sums.paid == current.amountPaid.minorUnits)
        }
    }

    /// A client that retries while its first attempt is still being recorded gets the first
    /// payment back, not an error that the invoice is already paid, and the invoice is paid once.
    @Test(arguments: StorageBackend.allCases)
    func retriesRacingTheirFirstAttemptReplayIt(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            for round in 0..<5 {
                let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work \(round)", 10_000)])
                let payment = NewPayment(
                    companyId: company.id, amount: 10_000, allocations: [PaymentAllocation(invoiceId: invoice.id, amount: 10_000)],
                    idempotencyKey: "retry-\(round)")
                let payments = fixture.billing.payments
                let staff = fixture.staff
                async let first = payments.record(payment, by: staff)
                async let second = payments.record(payment, by: staff)
                let (a, b) = try await (first, second)
                #expect(a.id == b.id)
                let paid = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
                #expect(paid.status == .paid)
                #expect(try await fixture.ledgerSums(invoice.id).paid == 10_000)
            }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func customerCreditSettlesALaterInvoice(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            _ = try await fixture.billing.payments.record(NewPayment(companyId: company.id, amount: 5_000), by: fixture.staff)
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 8_000)])
            let settled = try await fixture.billing.payments.applyCustomerCredit(invoice.id, amount: nil, by: fixture.staff)
            #expect(settled.amountCredited.minorUnits == 5_000)
            #expect(settled.amountDue.minorUnits == 3_000)
            #expect(settled.status == .partiallyPaid)
            #expect(try await fixture.billing.payments.customerCredit(company.id, by: fixture.staff).isEmpty)
            let error = await #expect(throws: PortalError.self) {
                try await fixture.billing.payments.applyCustomerCredit(invoice.id, amount: 1, by: fixture.staff)
            }
            #expect(error?.field == "amount")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func manualTransferIsApprovedOrRejectedByStaff(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 20_000)])
            let payer = try await fixture.identity.clientPrincipal("billing@karoo.test", role: .billing, of: [company.id])
            let transfer = try await fixture.billing.payments.submitTransfer(
                NewPayment(
                    companyId: company.id, amount: 20_000, reference: invoice.number,
                    allocations: [PaymentAllocation(invoiceId: invoice.id, amount: 20_000)], idempotencyKey: "eft-1"),
                by: payer)
            #expect(transfer.status == .pending)
            #expect(try await fixture.billing.invoices.get(invoice.id, by: fixture.staff).status == .open)
            // The same report twice is one payment.
            let again = try await fixture.billing.payments.submitTransfer(
                NewPayment(companyId: company.id, amount: 20_000, reference: invoice.number, idempotencyKey: "eft-1"), by: payer)
            #expect(again.id == transfer.id)
            let reused = await #expect(throws: PortalError.self) {
                try await fixture.billing.payments.submitTransfer(
                    NewPayment(companyId: company.id, amount: 19_000, reference: invoice.number, idempotencyKey: "eft-1"), by: payer)
            }
            #expect(reused?.field == "idempotency_key")
            let denied = await #expect(throws: PortalError.self) { try await fixture.billing.payments.approve(transfer.id, by: payer) }
            #expect(denied?.code == .forbidden)
            let approved = try await fixture.billing.payments.approve(transfer.id, by: fixture.staff)
            #expect(approved.status == .succeeded)
            #expect(approved.allocations == [PaymentAllocation(invoiceId: invoice.id, amount: 20_000)])
            #expect(try await fixture.billing.invoices.get(invoice.id, by: payer).status == .paid)

            let second = try await fixture.issueInvoice(company, [try BillingFixture.line("More", 5_000)])
            let bogus = try await fixture.billing.payments.submitTransfer(
                NewPayment(companyId: company.id, amount: 5_000, reference: second.number), by: payer)
            let rejected = try await fixture.billing.payments.reject(bogus.id, reason: "Not on the statement", by: fixture.staff)
            #expect(rejected.status == .failed)
            #expect(rejected.decisionReason == "Not on the statement")
            #expect(try await fixture.billing.invoices.get(second.id, by: fixture.staff).status == .open)
            let twice = await #expect(throws: PortalError.self) { try await fixture.billing.payments.approve(bogus.id, by: fixture.staff) }
            #expect(twice?.code == .conflict)
            let viewer = try await fixture.identity.clientPrincipal("viewer@karoo.test", role: .viewer, of: [company.id])
            let forbidden = await #expect(throws: PortalError.self) {
                try await fixture.billing.payments.submitTransfer(NewPayment(companyId: company.id, amount: 1, reference: "x"), by: viewer)
            }
            #expect(forbidden?.code == .forbidden)
            let actions = try await fixture.identity.auditActions()
            #expect(actions.contains("payment.approved") && actions.contains("payment.rejected"))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func refundsReopenThePaidInvoice(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 10_000)])
            let payment = try await fixture.billing.payments.record(NewPayment(companyId: company.id, amount: 12_000), by: fixture.staff)
            let partial = try await fixture.billing.payments.refund(
                payment.id, NewRefund(amount: 3_000, reason: "Overpaid", idempotencyKey: "r-1"), by: fixture.staff)
            #expect(partial.status == "succeeded")
            // 2,000 of customer credit go first, then 1,000 from the invoice.
            var current = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
            #expect(current.amountPaid.minorUnits == 9_000)
            #expect(current.status == .partiallyPaid)
            #expect(try await fixture.billing.payments.customerCredit(company.id, by: fixture.staff).isEmpty)
            let same = try await fixture.billing.payments.refund(
                payment.id, NewRefund(amount: 3_000, reason: "Overpaid", idempotencyKey: "r-1"), by: fixture.staff)
            #expect(same.id == partial.id)
            #expect(try await fixture.billing.payments.get(payment.id, by: fixture.staff).status == .partiallyRefunded)
            let tooMuch = await #expect(throws: PortalError.self) {
                try await fixture.billing.payments.refund(payment.id, NewRefund(amount: 9_001, reason: "x"), by: fixture.staff)
            }
            #expect(tooMuch?.field == "amount")
            _ = try await fixture.billing.payments.refund(payment.id, NewRefund(reason: "Cancelled"), by: fixture.staff)
            current = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
            #expect(current.amountPaid.isZero)
            #expect(current.status == .open)
            #expect(try await fixture.billing.payments.get(payment.id, by: fixture.staff).status == .refunded)
            #expect(try await fixture.ledgerSums(invoice.id).paid == 0)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func creditNotesReduceTheAmountDueOrBecomeCustomerCredit(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("VAT", percent: "15")
            let company = try await fixture.createCompany("Karoo Coffee")
            let invoice = try await fixture.issueInvoice(company, [
                try BillingFixture.line("Design", 10_000, tax: "VAT"), try BillingFixture.line("Hosting", 4_000, tax: "VAT"),
            ])
            #expect(invoice.total.minorUnits == 16_100)
            let partial = try await fixture.billing.creditNotes.issue(
                NewCreditNote(invoiceId: invoice.id, reason: "Hosting not used", lines: [
                    CreditNoteLineInput(invoiceLineId: invoice.lines[1].id, amount: 2_301),
                ]),
                by: fixture.staff)
            #expect(partial.number == "CN-2026-03-00001")
            #expect(partial.taxTotal.minorUnits == 300)  // 2,301 × 600 ÷ 4,600 = 300.13 → 300
            #expect(partial.appliedToInvoice.minorUnits == 2_301)
            var current = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
            #expect(current.amountCredited.minorUnits == 2_301)
            #expect(current.amountDue.minorUnits == 13_799)
            _ = try await fixture.billing.payments.record(NewPayment(companyId: company.id, amount: 13_799), by: fixture.staff)
            let rest = try await fixture.billing.creditNotes.issue(NewCreditNote(invoiceId: invoice.id, reason: "Cancelled"), by: fixture.staff)
            #expect(rest.number == "CN-2026-03-00002")
            #expect(rest.total.minorUnits == 13_799)
            #expect(rest.creditedToBalance.minorUnits == 13_799)
            #expect(rest.taxTotal.minorUnits == 1_800)  // all remaining tax, exactly
            #expect(try await fixture.billing.payments.customerCredit(company.id, by: fixture.staff).map(\.minorUnits) == [13_799])
            current = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
            #expect(current.status == .paid)
            let nothing = await #expect(throws: PortalError.self) {
                try await fixture.billing.creditNotes.issue(NewCreditNote(invoiceId: invoice.id, reason: "Again"), by: fixture.staff)
            }
            #expect(nothing?.code == .conflict)
            // Invoice numbers are a separate sequence.
            #expect(try await fixture.issueInvoice(company, [try BillingFixture.line("Next", 100)]).number == "INV-2026-03-00002")
            try await fixture.identity.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func paymentMethodsAndInstructionsComeFromTheCountrysConfiguration(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            _ = try await fixture.billing.paymentMethods.configure(
                PaymentMethodInput(
                    country: "ZA", displayName: "EFT", instructions: "Pay by EFT.",
                    details: [PaymentGatewayLabeledValue("Bank", "First Bank"), PaymentGatewayLabeledValue("Account", "62000000001")],
                    sortOrder: 1),
                by: fixture.staff)
            _ = try await fixture.billing.paymentMethods.configure(
                PaymentMethodInput(country: "*", enabled: false, displayName: "Wire"), by: fixture.staff)
            let company = try await fixture.createCompany("Karoo Coffee")
            let client = try await fixture.identity.clientPrincipal("billing@karoo.test", role: .billing, of: [company.id])
            #expect(try await fixture.billing.paymentMethods.list(country: "za", by: client).map(\.displayName) == ["EFT"])
            #expect(try await fixture.billing.paymentMethods.list(by: fixture.staff).count == 2)
            let bad = await #expect(throws: PortalError.self) {
                try await fixture.billing.paymentMethods.configure(PaymentMethodInput(country: "ZAF", displayName: "x"), by: fixture.staff)
            }
            #expect(bad?.field == "country")
        }
    }
}

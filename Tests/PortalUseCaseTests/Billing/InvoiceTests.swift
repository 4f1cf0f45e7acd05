import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Invoices")
struct InvoiceTests {
    @Test(arguments: StorageBackend.allCases)
    func finalizingComputesTaxPerLineAndTakesTheMonthsNextNumber(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("VAT", percent: "15")
            let company = try await fixture.createCompany("Karoo Coffee")
            let draft = try await fixture.billing.invoices.create(
                NewInvoice(companyId: company.id, lines: [
                    try BillingFixture.line("Design", 10_001, quantity: "2.5", tax: "VAT"),  // 25,002.5 → 25,003
                    try BillingFixture.line("Hosting", 9_999, tax: "VAT", discount: "10"),  // 9,999 − 1,000 = 8,999
                    try BillingFixture.line("Stamp", 333),
                ]), by: fixture.staff)
            #expect(draft.number == nil)
            #expect(draft.status == .draft)
            let lines = draft.lines.map { [$0.grossAmount.minorUnits, $0.discountAmount.minorUnits, $0.netAmount.minorUnits, $0.taxAmount.minorUnits] }
            #expect(lines == [[25_003, 0, 25_003, 3_750], [9_999, 1_000, 8_999, 1_350], [333, 0, 333, 0]])
            #expect(draft.subtotal.minorUnits == 34_335)
            #expect(draft.taxTotal.minorUnits == 5_100)
            #expect(draft.total.minorUnits == 39_435)

            let invoice = try await fixture.billing.invoices.finalize(draft.id, by: fixture.staff)
            #expect(invoice.number == "INV-2026-03-00001")
            #expect(invoice.status == .open)
            #expect(invoice.issueDate == LocalDate(year: 2026, month: 3, day: 2))
            #expect(invoice.dueDate == LocalDate(year: 2026, month: 3, day: 16))
            #expect(invoice.amountDue == invoice.total)
            let second = try await fixture.issueInvoice(company, [try BillingFixture.line("More", 100)])
            #expect(second.number == "INV-2026-03-00002")
            fixture.clock.advance(by: .seconds(31 * 24 * 3600))
            let april = try await fixture.issueInvoice(company, [try BillingFixture.line("April", 100)])
            #expect(april.number == "INV-2026-04-00001")
            #expect(try await fixture.identity.auditActions().contains("invoice.finalized"))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func inclusiveTaxIsContainedInTheAmount(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("VATI", percent: "15", inclusive: true)
            let company = try await fixture.createCompany("Karoo Coffee")
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Box", 11_500, tax: "VATI")])
            #expect(invoice.lines[0].taxAmount.minorUnits == 1_500)
            #expect(invoice.lines[0].netAmount.minorUnits == 10_000)
            #expect(invoice.total.minorUnits == 11_500)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func companyDiscountIsItsOwnLinePerTaxTreatment(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("VAT", percent: "15")
            let company = try await fixture.createCompany("Partner", discount: "10")
            let invoice = try await fixture.issueInvoice(company, [
                try BillingFixture.line("Taxed", 10_005, tax: "VAT"), try BillingFixture.line("Untaxed", 2_000),
            ])
            let discounts = invoice.lines.filter { $0.kind == .companyDiscount }
            #expect(discounts.map(\.netAmount.minorUnits) == [-1_001, -200])
            #expect(discounts.map(\.taxAmount.minorUnits) == [-150, 0])
            #expect(invoice.subtotal.minorUnits == 10_005 + 2_000 - 1_001 - 200)
            #expect(invoice.taxTotal.minorUnits == 1_501 - 150)
            #expect(invoice.total == (try invoice.subtotal.adding(invoice.taxTotal)))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aRateChangeAppliesFromItsDateAndNeverRewritesIssuedInvoices(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("VAT", percent: "15")
            try await fixture.addTaxRate("VAT", percent: "16", validFrom: LocalDate(year: 2026, month: 4, day: 1))
            let company = try await fixture.createCompany("Karoo Coffee")
            let march = try await fixture.issueInvoice(company, [try BillingFixture.line("March", 10_000, tax: "VAT")])
            #expect(march.taxTotal.minorUnits == 1_500)
            let draft = try await fixture.billing.invoices.create(
                NewInvoice(companyId: company.id, lines: [try BillingFixture.line("April", 10_000, tax: "VAT")]), by: fixture.staff)
            fixture.clock.advance(by: .seconds(31 * 24 * 3600))
            let april = try await fixture.billing.invoices.finalize(draft.id, by: fixture.staff)
            #expect(april.taxTotal.minorUnits == 1_600)
            #expect(april.lines[0].tax?.name == "VAT 16%")
            #expect(try await fixture.billing.invoices.get(march.id, by: fixture.staff).taxTotal.minorUnits == 1_500)
            let rates = try await fixture.billing.taxRates.list(by: fixture.staff)
            #expect(rates.map(\.validUntil) == [LocalDate(year: 2026, month: 4, day: 1), nil])
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func depositIsDeductedOnTheFinalInvoiceAsItsOwnLine(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("VAT", percent: "15")
            let company = try await fixture.createCompany("Karoo Coffee")
            let depositDraft = try await fixture.billing.invoices.createDeposit(
                NewDepositInvoice(companyId: company.id, percent: 30, ofAmount: 1_000_000, taxCode: "VAT"), by: fixture.staff)
            let deposit = try await fixture.billing.invoices.finalize(depositDraft.id, by: fixture.staff)
            #expect(deposit.kind == .deposit)
            #expect(deposit.subtotal.minorUnits == 300_000)
            #expect(deposit.total.minorUnits == 345_000)
            let finalDraft = try await fixture.billing.invoices.create(
                NewInvoice(
                    companyId: company.id, lines: [try BillingFixture.line("Website", 1_000_000, tax: "VAT")],
                    deductDeposits: [deposit.id]),
                by: fixture.staff)
            let final = try await fixture.billing.invoices.finalize(finalDraft.id, by: fixture.staff)
            let deduction = try #require(final.lines.first { $0.kind == .depositDeduction })
            #expect(deduction.description == "Less deposit \(deposit.number!)")
            #expect(deduction.netAmount.minorUnits == -300_000)
            #expect(deduction.taxAmount.minorUnits == -45_000)
            #expect(final.total.minorUnits == 1_150_000 - 345_000)
            // A deposit is deducted once.
            await #expect(throws: PortalError.self) {
                try await fixture.billing.invoices.create(
                    NewInvoice(companyId: company.id, lines: [try BillingFixture.line("Again", 100)], deductDeposits: [deposit.id]),
                    by: fixture.staff)
            }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func issuedInvoicesAreImmutableAndTransitionsAreGuarded(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 10_000)])
            let change = await #expect(throws: PortalError.self) {
                try await fixture.billing.invoices.update(invoice.id, InvoiceUpdate(memo: "changed"), by: fixture.staff)
            }
            #expect(change?.code == .conflict)
            await #expect(throws: PortalError.self) { try await fixture.billing.invoices.finalize(invoice.id, by: fixture.staff) }
            let voided = try await fixture.billing.invoices.void(invoice.id, reason: "Sent twice", by: fixture.staff)
            #expect(voided.status == .void)
            #expect(voided.number == invoice.number)
            let again = await #expect(throws: PortalError.self) {
                try await fixture.billing.invoices.void(invoice.id, reason: "again", by: fixture.staff)
            }
            #expect(again?.code == .conflict)
            let actions = try await fixture.identity.auditActions()
            #expect(actions.contains("invoice.void"))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func badInputNamesTheFieldAndWritesNothing(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let cases: [(NewInvoice, String)] = [
                (NewInvoice(companyId: company.id, lines: [InvoiceLineInput(description: "", unitAmount: 100)]), "lines[0].description"),
                (NewInvoice(companyId: company.id, lines: [InvoiceLineInput(description: "x", unitAmount: nil)]), "lines[0].unit_amount"),
                (NewInvoice(companyId: company.id, lines: [try BillingFixture.line("x", 100, tax: "NOPE")]), "lines[0].tax_code"),
                (NewInvoice(companyId: company.id, lines: [try BillingFixture.line("x", 100, discount: "101")]), "lines[0].discount_percent"),
                (NewInvoice(companyId: company.id, lines: [InvoiceLineInput(description: "x", quantity: Quantity(thousandths: 0), unitAmount: 1)]), "lines[0].quantity"),
                (NewInvoice(companyId: company.id, kind: .subscription), "kind"),
            ]
            for (input, field) in cases {
                let error = await #expect(throws: PortalError.self) { try await fixture.billing.invoices.create(input, by: fixture.staff) }
                #expect(error?.code == .invalid)
                #expect(error?.field == field)
            }
            #expect(try await fixture.identity.count("invoices") == 0)
            #expect(try await fixture.identity.count("invoice_lines") == 0)
            // A negative total is refused at finalization and the number is not taken.
            let draft = try await fixture.billing.invoices.create(
                NewInvoice(companyId: company.id, lines: [try BillingFixture.line("Refund?", -500)]), by: fixture.staff)
            let negative = await #expect(throws: PortalError.self) { try await fixture.billing.invoices.finalize(draft.id, by: fixture.staff) }
            #expect(negative?.field == "lines")
            #expect(try await fixture.billing.invoices.get(draft.id, by: fixture.staff).status == .draft)
            let next = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 100)])
            #expect(next.number == "INV-2026-03-00001")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func eightConcurrentWritersNeverRepeatOrSkipANumber(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            var drafts: [InvoiceID] = []
            for index in 0..<24 {
                drafts.append(try await fixture.billing.invoices.create(
                    NewInvoice(companyId: company.id, lines: [try BillingFixture.line("Item \(index)", 100)]), by: fixture.staff).id)
            }
            let numbers = try await withThrowingTaskGroup(of: [String].self) { group in
                for writer in 0..<8 {
                    let mine = stride(from: writer, to: drafts.count, by: 8).map { drafts[$0] }
                    group.addTask {
                        var numbers: [String] = []
                        for id in mine { numbers.append(try await fixture.billing.invoices.finalize(id, by: fixture.staff).number!) }
                        return numbers
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(numbers.sorted() == (1...24).map { String(format: "INV-2026-03-%05d", $0) })
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func clientsSeeOnlyTheirOwnCompanysIssuedInvoices(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let mine = try await fixture.createCompany("Mine")
            let theirs = try await fixture.createCompany("Theirs")
            let issued = try await fixture.issueInvoice(mine, [try BillingFixture.line("Work", 100)])
            let draft = try await fixture.billing.invoices.create(
                NewInvoice(companyId: mine.id, lines: [try BillingFixture.line("Draft", 100)]), by: fixture.staff)
            let other = try await fixture.issueInvoice(theirs, [try BillingFixture.line("Other", 100)])
            let viewer = try await fixture.identity.clientPrincipal("viewer@mine.test", role: .viewer, of: [mine.id])
            #expect(try await fixture.billing.invoices.get(issued.id, by: viewer).id == issued.id)
            for hidden in [draft.id, other.id] {
                let error = await #expect(throws: PortalError.self) { try await fixture.billing.invoices.get(hidden, by: viewer) }
                #expect(error?.code == .notFound)
            }
            let page = try await fixture.billing.invoices.list(InvoiceListOptions(), page: .first, by: viewer)
            #expect(page.items.map(\.id) == [issued.id])
            let create = await #expect(throws: PortalError.self) {
                try await fixture.billing.invoices.create(NewInvoice(companyId: mine.id), by: viewer)
            }
            #expect(create?.code == .forbidden)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func anotherTenantCannotReachTheInvoice(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 100)])
            let other = fixture.switching(to: try await fixture.identity.createTenant(slug: "other"))
            let error = await #expect(throws: PortalError.self) { try await other.billing.invoices.get(invoice.id, by: other.staff) }
            #expect(error?.code == .notFound)
            #expect(try await other.billing.invoices.list(InvoiceListOptions(), page: .first, by: other.staff).items.isEmpty)
            let finalize = await #expect(throws: PortalError.self) { try await other.billing.invoices.finalize(invoice.id, by: other.staff) }
            #expect(finalize?.code == .notFound)
        }
    }
}

import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Contract billing")
struct ContractBillingTests {
    private func day(_ text: String) -> LocalDate { BillingFixture.contractDay(text) }

    @Test("Training billed monthly: three invoices of exactly the instalments", arguments: StorageBackend.allCases, TrainingExample.allCases)
    func trainingMonthly(_ backend: StorageBackend, _ example: TrainingExample) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let contract = try await fixture.signedContract(for: company, items: [example.lineItem(start: day("2026-03-01"))])
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)

            let months = ["2026-03-02", "2026-04-01", "2026-05-01"]
            for (index, date) in months.enumerated() {
                fixture.setContractClock(to: date)
                let due = try await fixture.dueContractPeriods(through: fixture.today)
                #expect(due.map(\.periodKey) == [String(index)])
                #expect(due.first?.scheduleType == .contract)
                #expect(due.first?.scheduleId == contract.id.uuidString)
                #expect(due.first?.companyId == company.id)
                let period = try #require(due.first)
                let billed = try await fixture.billContractPeriod(period)
                let invoice = try #require(billed)
                let month = date.dropFirst(5).prefix(2)
                #expect(invoice.number == "INV-2026-\(month)-00001")
                #expect(invoice.total.minorUnits == example.instalments[index])
                #expect(invoice.kind == .contract)
                #expect(invoice.status == .open)
                #expect(invoice.contractId == contract.id)
                #expect(invoice.issueDate == day(date))
                #expect(invoice.periodStart == day("2026-03-01").adding(months: index))
                #expect(invoice.periodEnd == day("2026-03-01").adding(months: index + 1))
                let stored = try await fixture.billing.invoices.get(invoice.id, by: fixture.staff)
                #expect(stored.lines.map(\.description) == ["\(example.rawValue.capitalized) developer training"])
                #expect(stored.lines.map(\.totalAmount.minorUnits) == [example.instalments[index]])
            }
            #expect(try await fixture.dueContractPeriods(through: day("2030-01-01")).isEmpty)
            let periods = try await fixture.billing.contractBilling.periods(contract.id, by: fixture.staff)
            #expect(periods.map(\.status) == [.invoiced, .invoiced, .invoiced])
            #expect(periods.map(\.total.minorUnits) == example.instalments)
            #expect(periods.map(\.invoiceDate) == months.map { day($0) })
            #expect(periods.allSatisfy { $0.invoiceId != nil })
        }
    }

    @Test("A run ahead of time bills every due period, numbered in the run's month", arguments: StorageBackend.allCases)
    func billsAhead(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let independent = try await fixture.signedContract(
                for: company, title: "Independent", items: [TrainingExample.independent.lineItem(start: day("2026-03-01"))])
            let agency = try await fixture.signedContract(
                for: company, title: "Agency", items: [TrainingExample.agency.lineItem(start: day("2026-03-01"))])
            _ = try await fixture.billing.contractBilling.enableBilling(independent.id, by: fixture.staff)
            _ = try await fixture.billing.contractBilling.enableBilling(agency.id, by: fixture.staff)

            let invoices = try await fixture.runContractBilling(through: day("2026-05-01"))
            #expect(invoices.map(\.number) == (1...6).map { "INV-2026-03-0000\($0)" })
            let byContract = Dictionary(grouping: invoices, by: \.contractId)
            #expect(byContract[independent.id]?.map(\.total.minorUnits) == TrainingExample.independent.instalments)
            #expect(byContract[agency.id]?.map(\.total.minorUnits) == TrainingExample.agency.instalments)
            #expect(invoices.allSatisfy { $0.issueDate == day("2026-03-02") })
        }
    }

    @Test("Quarterly billing puts the whole training in one period", arguments: StorageBackend.allCases)
    func quarterly(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.independent.lineItem(start: day("2026-03-01"))],
                settings: ContractBillingSettings(frequency: .quarterly))
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            let periods = try await fixture.billing.contractBilling.periods(contract.id, by: fixture.staff)
            #expect(periods.map(\.total.minorUnits) == [500_000])
            #expect(periods.map(\.periodEnd) == [day("2026-06-01")])
            let invoices = try await fixture.runContractBilling()
            #expect(invoices.map(\.total.minorUnits) == [500_000])
        }
    }

    @Test("Preview writes nothing and shows exactly what enabling stores", arguments: StorageBackend.allCases)
    func previewMatchesEnabling(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            try await fixture.addTaxRate("VAT", percent: "15")
            let company = try await fixture.createCompany("Karoo Coffee")
            let support = ContractLineItemInput(
                itemType: .custom, description: "Support retainer", amount: 20_000, billingPeriodMonths: 1,
                startDate: day("2026-04-15"), endDate: day("2026-09-01"), isRecurring: true, taxCode: "VAT")
            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.independent.lineItem(start: day("2026-03-01")), support])

            let auditBefore = try await fixture.identity.auditActions()
            let preview = try await fixture.billing.contractBilling.preview(contract.id, by: fixture.staff)
            #expect(try await fixture.identity.count("contract_billing_periods") == 0)
            #expect(try await fixture.identity.auditActions() == auditBefore)
            #expect(try await fixture.billing.contracts.get(contract.id, by: fixture.staff) == contract)

            #expect(preview.map(\.total.minorUnits) == [166_667, 186_667, 186_666, 20_000, 20_000, 20_000])
            #expect(preview[1].lines.map(\.description) == ["Independent developer training", "Support retainer"])
            #expect(preview[1].lines.map(\.taxCode) == [nil, "VAT"])

            let enabled = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            #expect(enabled.billingStartDate == day("2026-03-01"))
            let stored = try await fixture.billing.contractBilling.periods(contract.id, by: fixture.staff)
            #expect(stored.map(\.index) == preview.map(\.index))
            #expect(stored.map(\.periodStart) == preview.map(\.start))
            #expect(stored.map(\.periodEnd) == preview.map(\.end))
            #expect(stored.map(\.total) == preview.map(\.total))
            #expect(stored.allSatisfy { $0.status == .pending && $0.invoiceId == nil })

            // The invoice carries the preview's lines, taxed by item.
            fixture.setContractClock(to: "2026-04-15")
            let invoices = try await fixture.runContractBilling()
            #expect(invoices.count == 2)
            let april = try await fixture.billing.invoices.get(invoices[1].id, by: fixture.staff)
            #expect(april.lines.map(\.description) == preview[1].lines.map(\.description))
            #expect(april.lines.map(\.netAmount) == preview[1].lines.map(\.amount))
            #expect(april.taxTotal.minorUnits == 3_000)
        }
    }

    @Test("Enabling and disabling record who and when", arguments: StorageBackend.allCases)
    func whoAndWhen(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.agency.lineItem(start: day("2026-03-01"))])
            #expect(contract.billingChangedBy == nil && contract.billingChangedAt == nil)

            let enabled = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            #expect(enabled.billingEnabled)
            #expect(enabled.billingChangedBy == "operator:fixture")
            #expect(enabled.billingChangedAt == fixture.clock.now())

            fixture.clock.advance(by: .seconds(3_600))
            let bea = try await fixture.identity.createUser(email: "bea@example.com", kind: .staff)
            let disabled = try await fixture.billing.contractBilling.disableBilling(
                contract.id, by: fixture.identity.principal(for: bea))
            #expect(!disabled.billingEnabled)
            #expect(disabled.billingChangedBy == "user:bea@example.com")
            #expect(disabled.billingChangedAt == fixture.clock.now())
            #expect(try await fixture.billing.contracts.get(contract.id, by: fixture.staff) == disabled)

            await ContractExpect.error(.conflict, field: "billing_enabled") {
                try await fixture.billing.contractBilling.disableBilling(contract.id, by: fixture.staff)
            }
        }
    }

    @Test("Disabled contracts are not due, and enabling again resumes", arguments: StorageBackend.allCases)
    func disabledNotDue(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.independent.lineItem(start: day("2026-03-01"))])
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            let due = try await fixture.dueContractPeriods(through: day("2026-12-31"))
            #expect(due.count == 3)

            _ = try await fixture.billing.contractBilling.disableBilling(contract.id, by: fixture.staff)
            #expect(try await fixture.dueContractPeriods(through: day("2026-12-31")).isEmpty)
            #expect(try await fixture.billContractPeriod(due[0]) == nil)
            #expect(try await fixture.identity.count("invoices") == 0)
            let periods = try await fixture.billing.contractBilling.periods(contract.id, by: fixture.staff)
            #expect(periods.map(\.status) == [.pending, .pending, .pending])

            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            #expect(try await fixture.dueContractPeriods(through: day("2026-12-31")).count == 3)
        }
    }

    @Test("Billing the same period twice creates one invoice", arguments: StorageBackend.allCases)
    func billOnce(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.agency.lineItem(start: day("2026-03-01"))])
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            let due = try #require(try await fixture.dueContractPeriods(through: fixture.today).first)
            let first = try await fixture.billContractPeriod(due)
            #expect(first?.total.minorUnits == 83_334)
            #expect(try await fixture.billContractPeriod(due) == nil)
            #expect(try await fixture.identity.count("invoices") == 1)
            #expect(try await fixture.dueContractPeriods(through: fixture.today).isEmpty)
        }
    }

    @Test("Editing items while disabled regenerates only periods not yet invoiced", arguments: StorageBackend.allCases)
    func editAfterInvoicing(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.independent.lineItem(start: day("2026-03-01"))])
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            #expect(try await fixture.runContractBilling().count == 1)

            let item = try #require(try await fixture.billing.contracts.lineItems(contract.id, by: fixture.staff).first)
            await ContractExpect.error(.conflict, field: "billing_enabled") {
                try await fixture.billing.contracts.removeLineItem(contract.id, item.id, by: fixture.staff)
            }
            _ = try await fixture.billing.contractBilling.disableBilling(contract.id, by: fixture.staff)
            var change = TrainingExample.independent.lineItem(start: day("2026-03-01"))
            change.amount = 600_000
            _ = try await fixture.billing.contracts.updateLineItem(contract.id, item.id, change, by: fixture.staff)
            await ContractExpect.error(.conflict, field: "frequency") {
                try await fixture.billing.contractBilling.configure(
                    contract.id, ContractBillingSettings(frequency: .quarterly), by: fixture.staff)
            }
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            let periods = try await fixture.billing.contractBilling.periods(contract.id, by: fixture.staff)
            #expect(periods.map(\.total.minorUnits) == [166_667, 200_000, 200_000])
            #expect(periods.map(\.status) == [.invoiced, .pending, .pending])
        }
    }

    @Test("Open-ended recurring items are stored 12 months ahead and extended by billing", arguments: StorageBackend.allCases)
    func openEnded(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let retainer = ContractLineItemInput(
                itemType: .custom, description: "Maintenance retainer", amount: 50_000, billingPeriodMonths: 1,
                startDate: day("2026-03-01"), isRecurring: true)
            let contract = try await fixture.signedContract(for: company, items: [retainer])
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            var periods = try await fixture.billing.contractBilling.periods(contract.id, by: fixture.staff)
            // Through the period containing 2027-03-01 (12 months past 2026-03-02).
            #expect(periods.map(\.index) == Array(0...12))
            #expect(periods.last?.periodStart == day("2027-03-01"))

            fixture.setContractClock(to: "2026-05-10")
            #expect(try await fixture.runContractBilling().count == 3)
            periods = try await fixture.billing.contractBilling.periods(contract.id, by: fixture.staff)
            #expect(periods.last?.periodStart == day("2027-05-01"))
            #expect(periods.allSatisfy { $0.total.minorUnits == 50_000 })
        }
    }
}

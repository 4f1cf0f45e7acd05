import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Contracts")
struct ContractTests {
    private func day(_ text: String) -> LocalDate { BillingFixture.contractDay(text) }

    @Test("Create, read, list, update and move a contract along its statuses", arguments: StorageBackend.allCases)
    func lifecycle(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let contracts = fixture.billing.contracts
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Fynbos Films")
            let created = try await contracts.create(
                NewContract(companyId: company.id, title: "  Onboarding 2026 ", type: .onboarding, autoRenew: true),
                by: fixture.staff)
            #expect(created.title == "Onboarding 2026")
            #expect(created.status == .draft)
            #expect(created.currency == fixture.tenant.defaultCurrency)
            #expect(created.autoRenew)
            #expect(!created.billingEnabled && created.billingFrequency == .monthly && created.billingIntervalMonths == 1)
            #expect(try await contracts.get(created.id, by: fixture.staff) == created)
            _ = try await contracts.create(
                NewContract(companyId: other.id, title: "Maintenance", type: .maintenance, currency: .eur), by: fixture.staff)

            let updated = try await contracts.update(
                created.id, ContractUpdate(title: "Engagement 2026", type: .engagement, autoRenew: false), by: fixture.staff)
            #expect(updated.title == "Engagement 2026" && updated.type == .engagement && !updated.autoRenew)

            let page = try PageRequest(limit: 10)
            #expect(try await contracts.list(ContractListOptions(), page: page, by: fixture.staff).items.count == 2)
            let ofCompany = try await contracts.list(ContractListOptions(companyId: company.id), page: page, by: fixture.staff)
            #expect(ofCompany.items.map(\.id) == [created.id])
            #expect(try await contracts.list(ContractListOptions(status: .sent), page: page, by: fixture.staff).items.isEmpty)

            await ContractExpect.error(.conflict, field: "status") {
                try await contracts.setStatus(created.id, to: .active, by: fixture.staff)
            }
            for status in [ContractStatus.sent, .signed] {
                await ContractExpect.error(.conflict, field: "status") {
                    try await contracts.setStatus(created.id, to: status, by: fixture.staff)
                }
            }
            await ContractExpect.error(.invalid, field: "title") {
                try await contracts.update(created.id, ContractUpdate(title: "  "), by: fixture.staff)
            }
            let signed = try await fixture.signedContract(for: company, items: [])
            #expect(try await contracts.setStatus(signed.id, to: .active, by: fixture.staff).status == .active)
            #expect(try await contracts.list(ContractListOptions(status: .active), page: page, by: fixture.staff).items.count == 1)
            await ContractExpect.error(.conflict, field: "status") {
                try await contracts.setStatus(signed.id, to: .signed, by: fixture.staff)
            }
            await ContractExpect.error(.conflict, field: "status") {
                try await contracts.update(signed.id, ContractUpdate(title: "Renamed"), by: fixture.staff)
            }
        }
    }

    @Test("Terminating a contract stops its billing; billing needs a signed contract", arguments: StorageBackend.allCases)
    func terminationStopsBilling(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let draft = try await fixture.billing.contracts.create(
                NewContract(companyId: company.id, title: "Draft", type: .onboarding), by: fixture.staff)
            _ = try await fixture.billing.contracts.addLineItem(
                draft.id, TrainingExample.agency.lineItem(start: day("2026-03-01")), by: fixture.staff)
            await ContractExpect.error(.conflict, field: "status") {
                try await fixture.billing.contractBilling.enableBilling(draft.id, by: fixture.staff)
            }
            let empty = try await fixture.signedContract(for: company, items: [])
            await ContractExpect.error(.invalid, field: "line_items") {
                try await fixture.billing.contractBilling.enableBilling(empty.id, by: fixture.staff)
            }

            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.agency.lineItem(start: day("2026-03-01"))])
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            _ = try await fixture.billing.contracts.setStatus(contract.id, to: .active, by: fixture.staff)
            let terminated = try await fixture.billing.contracts.setStatus(contract.id, to: .terminated, by: fixture.staff)
            #expect(!terminated.billingEnabled)
            #expect(terminated.billingChangedBy == "operator:fixture")
            #expect(try await fixture.dueContractPeriods(through: day("2027-01-01")).isEmpty)
        }
    }

    @Test("Clients read their own company's sent contracts; others get not_found", arguments: StorageBackend.allCases)
    func access(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let contracts = fixture.billing.contracts
            let billing = fixture.billing.contractBilling
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Fynbos Films")
            let viewer = try await fixture.identity.clientPrincipal("vera@karoo.example", role: .viewer, of: [company.id])
            let developer = try await fixture.identity.clientPrincipal("dev@karoo.example", role: .developer, of: [company.id])
            let outsider = try await fixture.identity.clientPrincipal("olga@fynbos.example", role: .owner, of: [other.id])

            let draft = try await contracts.create(
                NewContract(companyId: company.id, title: "Draft", type: .onboarding), by: fixture.staff)
            await ContractExpect.error(.notFound) { try await contracts.get(draft.id, by: viewer) }

            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.independent.lineItem(start: day("2026-03-01"))])
            _ = try await billing.enableBilling(contract.id, by: fixture.staff)

            let seenByStaff = try await contracts.get(contract.id, by: fixture.staff)
            #expect(try await contracts.get(contract.id, by: viewer) == seenByStaff)
            #expect(try await contracts.lineItems(contract.id, by: viewer).count == 1)
            #expect(try await billing.periods(contract.id, by: viewer).count == 3)
            let page = try PageRequest(limit: 10)
            #expect(try await contracts.list(ContractListOptions(), page: page, by: viewer).items.map(\.id) == [contract.id])

            #expect(try await contracts.get(contract.id, by: developer).id == contract.id)
            await ContractExpect.error(.forbidden) { try await billing.periods(contract.id, by: developer) }

            await ContractExpect.error(.notFound) { try await contracts.get(contract.id, by: outsider) }
            await ContractExpect.error(.notFound) { try await contracts.lineItems(contract.id, by: outsider) }
            await ContractExpect.error(.notFound) { try await billing.periods(contract.id, by: outsider) }
            #expect(try await contracts.list(ContractListOptions(), page: page, by: outsider).items.isEmpty)

            await ContractExpect.error(.forbidden) {
                try await contracts.create(NewContract(companyId: company.id, title: "Mine", type: .engagement), by: viewer)
            }
            await ContractExpect.error(.forbidden) { try await billing.disableBilling(contract.id, by: viewer) }
            await ContractExpect.error(.forbidden) { try await billing.preview(contract.id, by: viewer) }
        }
    }

    @Test("Line-item validation names the field", arguments: StorageBackend.allCases)
    func lineItemValidation(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let contracts = fixture.billing.contracts
            let company = try await fixture.createCompany("Karoo Coffee")
            let contract = try await contracts.create(
                NewContract(companyId: company.id, title: "Training", type: .onboarding), by: fixture.staff)
            let valid = TrainingExample.independent.lineItem(start: day("2026-03-01"))
            func expectInvalid(_ field: String, _ change: (inout ContractLineItemInput) -> Void) async {
                var input = valid
                change(&input)
                await ContractExpect.error(.invalid, field: field) {
                    try await contracts.addLineItem(contract.id, input, by: fixture.staff)
                }
            }
            await expectInvalid("description") { $0.description = "  " }
            await expectInvalid("amount") { $0.amount = nil }
            await expectInvalid("amount") { $0.amount = 0 }
            await expectInvalid("amount") { $0.amount = -100 }
            await expectInvalid("billing_period_months") { $0.billingPeriodMonths = nil }
            await expectInvalid("billing_period_months") { $0.billingPeriodMonths = 0 }
            await expectInvalid("billing_period_months") { $0.billingPeriodMonths = 121 }
            await expectInvalid("start_date") { $0.startDate = nil }
            await expectInvalid("end_date") { $0.endDate = BillingFixture.contractDay("2026-02-28") }
            await expectInvalid("end_date") { $0.endDate = BillingFixture.contractDay("2090-01-01") }
            await expectInvalid("tax_code") { $0.taxCode = "NOPE" }
            await expectInvalid("tax_code") { $0.taxCode = "V A T" }
            #expect(try await contracts.lineItems(contract.id, by: fixture.staff).isEmpty)

            let item = try await contracts.addLineItem(contract.id, valid, by: fixture.staff)
            #expect(item.amount == Money(minorUnits: 500_000, currency: contract.currency))
            #expect(item.status == .active && !item.isRecurring && item.itemType == .trainingIndependent)
            await ContractExpect.error(.invalid, field: "interval_months") {
                try await fixture.billing.contractBilling.configure(
                    contract.id, ContractBillingSettings(frequency: .custom), by: fixture.staff)
            }
            await ContractExpect.error(.invalid, field: "interval_months") {
                try await fixture.billing.contractBilling.configure(
                    contract.id, ContractBillingSettings(frequency: .monthly, intervalMonths: 2), by: fixture.staff)
            }
            let custom = try await fixture.billing.contractBilling.configure(
                contract.id, ContractBillingSettings(frequency: .custom, intervalMonths: 2), by: fixture.staff)
            #expect(custom.billingIntervalMonths == 2)
            #expect(try await fixture.billing.contractBilling.preview(contract.id, by: fixture.staff).map(\.total.minorUnits)
                == [333_334, 166_666])

            var paused = valid
            paused.status = .paused
            _ = try await contracts.updateLineItem(contract.id, item.id, paused, by: fixture.staff)
            #expect(try await fixture.billing.contractBilling.preview(contract.id, by: fixture.staff).isEmpty)
            try await contracts.removeLineItem(contract.id, item.id, by: fixture.staff)
            #expect(try await contracts.lineItems(contract.id, by: fixture.staff).isEmpty)
        }
    }

    @Test("Every change is audited in the tenant's chain", arguments: StorageBackend.allCases)
    func audited(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let start = try await fixture.identity.auditActions().count
            let contract = try await fixture.signedContract(
                for: company, items: [TrainingExample.agency.lineItem(start: day("2026-03-01"))],
                settings: ContractBillingSettings(frequency: .quarterly))
            let item = try #require(try await fixture.billing.contracts.lineItems(contract.id, by: fixture.staff).first)
            _ = try await fixture.billing.contracts.updateLineItem(
                contract.id, item.id, TrainingExample.agency.lineItem(start: day("2026-03-01")), by: fixture.staff)
            _ = try await fixture.billing.contractBilling.enableBilling(contract.id, by: fixture.staff)
            _ = try await fixture.runContractBilling()
            _ = try await fixture.billing.contractBilling.disableBilling(contract.id, by: fixture.staff)

            let actions = Array(try await fixture.identity.auditActions().dropFirst(start))
            #expect(actions == [
                "contract.created", "contract_line_item.created", "contract.billing_configured", "contract.document_updated",
                "contract.sent", "user.created", "contract.signed", "company.current_contract_changed",
                "contract_line_item.updated", "contract.billing_enabled",
                "contract.billing_periods_generated", "invoice.created", "invoice.finalized",
                "contract_billing_period.invoiced", "contract.billing_disabled",
            ])
            let enabled = try await fixture.identity.query(
                "SELECT actor_label, resource_id FROM audit_events WHERE action = 'contract.billing_enabled'")
            #expect(try enabled.first?.get("actor_label", as: String.self) == "operator:fixture")
            #expect(try enabled.first?.get("resource_id", as: String.self) == contract.id.uuidString)
            try await fixture.identity.expectAuditChainIntact()
        }
    }
}

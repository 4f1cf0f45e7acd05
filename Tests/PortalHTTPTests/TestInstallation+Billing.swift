import Foundation
import Logging
import PortalAssembly
import PortalKernel
import PortalTesting

/// Setting up billing records with the kernel, as staff would, so HTTP tests can reach them.
extension TestInstallation {
    var billing: BillingServices { assembled.portal.billing }

    /// What a tenant sells: one plan and one credit package.
    struct BillingCatalog: Sendable {
        let plan: Plan
        let package: CreditPackage

        var fingerprints: [String] {
            [plan.id.uuidString, plan.name, plan.code, package.id.uuidString, package.name]
        }
    }

    /// One of every billing record that hangs off a company.
    struct CompanyBilling: Sendable {
        let invoice: Invoice
        let creditNote: CreditNote
        let payment: Payment
        let subscription: Subscription
        let contract: Contract
        let lineItem: ContractLineItem

        var fingerprints: [String] {
            [invoice.id.uuidString, invoice.number ?? invoice.id.uuidString, creditNote.id.uuidString, creditNote.number,
             payment.id.uuidString, subscription.id.uuidString, contract.id.uuidString, contract.title,
             lineItem.id.uuidString, lineItem.description]
        }
    }

    func createCatalog(in tenant: TenantID, name: String) async throws -> BillingCatalog {
        let staff = operatorPrincipal(tenant)
        let plan = try await billing.plans.create(
            NewPlan(code: "basic", name: "\(name) Basic Plan", price: 10_000, interval: .monthly), by: staff)
        let package = try await billing.creditPackages.create(
            NewCreditPackage(name: "\(name) Credit Pack", credits: 100, price: 5_000), by: staff)
        return BillingCatalog(plan: plan, package: package)
    }

    /// A finalized invoice of `amount` minor units (one untaxed line, or taxed with `taxCode`).
    func issueInvoice(
        to company: Company, amount: Int64 = 10_000, description: String = "Consulting", taxCode: String? = nil
    ) async throws -> Invoice {
        let staff = operatorPrincipal(company.tenantId)
        let draft = try await billing.invoices.create(
            NewInvoice(
                companyId: company.id,
                lines: [InvoiceLineInput(description: description, unitAmount: amount, taxCode: taxCode)]),
            by: staff)
        return try await billing.invoices.finalize(draft.id, by: staff)
    }

    /// An issued invoice with a credit note, a recorded payment, a subscription to `catalog`'s
    /// plan and a draft contract with one line item, all for `company`.
    func createBilling(for company: Company, catalog: BillingCatalog, label: String) async throws -> CompanyBilling {
        let staff = operatorPrincipal(company.tenantId)
        let invoice = try await issueInvoice(to: company, description: "\(label) Consulting")
        let creditNote = try await billing.creditNotes.issue(
            NewCreditNote(
                invoiceId: invoice.id, reason: "\(label) goodwill",
                lines: [CreditNoteLineInput(invoiceLineId: invoice.lines[0].id, amount: 100)]),
            by: staff)
        let payment = try await billing.payments.record(
            NewPayment(companyId: company.id, amount: 1_000, reference: invoice.number), by: staff)
        let subscription = try await billing.subscriptions.create(
            NewSubscription(companyId: company.id, planId: catalog.plan.id), by: staff)
        let contract = try await billing.contracts.create(
            NewContract(companyId: company.id, title: "\(label) Engagement", type: .engagement), by: staff)
        let lineItem = try await billing.contracts.addLineItem(
            contract.id,
            ContractLineItemInput(
                description: "\(label) Training", amount: 500_000, billingPeriodMonths: 3,
                startDate: LocalDate(year: 2026, month: 1, day: 1)),
            by: staff)
        return CompanyBilling(
            invoice: invoice, creditNote: creditNote, payment: payment, subscription: subscription, contract: contract,
            lineItem: lineItem)
    }
}

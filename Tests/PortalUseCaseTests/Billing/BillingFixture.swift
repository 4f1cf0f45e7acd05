import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// An ``IdentityFixture`` with the billing use cases on top: `fixture.billing.invoices…`.
///
/// ```swift
/// try await BillingFixture.with(.postgres) { fixture in
///     let company = try await fixture.createCompany("Karoo Coffee")
///     let invoice = try await fixture.billing.invoices.create(…, by: fixture.staff)
/// }
/// ```
struct BillingFixture: Sendable {
    let identity: IdentityFixture
    let context: BillingContext

    var billing: BillingServices { BillingServices(context: context) }
    /// Staff rights in the fixture's tenant.
    var staff: Principal { identity.operatorPrincipal }
    var tenant: Tenant { identity.tenant }
    var clock: FixtureClock { identity.clock }
    var database: any Database { identity.database }

    static func with<Result>(
        _ backend: StorageBackend, plugins: PortalPlugins = PortalPlugins(), _ body: (BillingFixture) async throws -> Result
    ) async throws -> Result {
        try await IdentityFixture.with(backend) { identity in
            try await body(BillingFixture(identity: identity, plugins: plugins))
        }
    }

    init(identity: IdentityFixture, plugins: PortalPlugins = PortalPlugins()) {
        self.identity = identity
        self.context = BillingContext(
            database: identity.database, clock: identity.clock, secretBox: identity.secretBox, jobs: identity.jobs,
            plugins: plugins)
    }

    /// The same fixture in another tenant.
    func switching(to tenant: Tenant) -> BillingFixture {
        BillingFixture(identity: identity.switching(to: tenant), plugins: context.plugins)
    }

    /// Today in the tenant's time zone.
    var today: LocalDate { tenant.timeZone.localDate(of: clock.now()) }

    /// A client company; `discount` is a percent such as `"10"`.
    func createCompany(_ name: String, discount: String? = nil, billingEmail: String? = nil) async throws -> Company {
        try await identity.createCompany(name, CompanyInput(billingEmail: billingEmail, discount: discount))
    }

    /// Adds tax rate `code` at `percent` from `validFrom` (the fixture's start by default).
    @discardableResult
    func addTaxRate(
        _ code: String = "VAT", percent: String = "15", inclusive: Bool = false, validFrom: LocalDate? = nil
    ) async throws -> TaxRate {
        try await billing.taxRates.create(
            NewTaxRate(
                code: code, name: "\(code) \(percent)%", percent: try Percentage(percent), inclusive: inclusive,
                validFrom: validFrom ?? LocalDate(year: 2020, month: 1, day: 1)!),
            by: staff)
    }

    /// A line of `amount` minor units.
    static func line(
        _ description: String, _ amount: Int64, quantity: String = "1", tax: String? = nil, discount: String? = nil
    ) throws -> InvoiceLineInput {
        InvoiceLineInput(
            description: description, quantity: try Quantity(quantity), unitAmount: amount,
            discountPercent: try discount.map { try Percentage($0) }, taxCode: tax)
    }

    /// Creates and finalizes an invoice of `lines` for `company`.
    func issueInvoice(_ company: Company, _ lines: [InvoiceLineInput], currency: Currency? = nil) async throws -> Invoice {
        let draft = try await billing.invoices.create(
            NewInvoice(companyId: company.id, currency: currency, lines: lines), by: staff)
        return try await billing.invoices.finalize(draft.id, by: staff)
    }

    /// Sums of the invoice's ledger entries, read straight from storage.
    func ledgerSums(_ invoice: InvoiceID) async throws -> (paid: Int64, credited: Int64) {
        try await database.read(.allTenants) { connection in
            let sums = try InvoiceLedger.sums(invoice, tenant: tenant.id, on: connection)
            return (sums.paid, sums.credited)
        }
    }
}

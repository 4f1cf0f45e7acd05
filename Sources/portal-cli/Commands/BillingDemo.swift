import PortalKernel

/// The billing part of `portal-cli demo`: VAT, billing settings, bank-transfer payment methods,
/// two issued invoices (one paid through a recorded payment, one open), a plan and a
/// subscription. Like the rest of the demo it goes through the kernel's use cases as the
/// operator, so everything is validated, numbered and audited.
enum BillingDemo {
    /// What was seeded, for the demo's report.
    struct Seeded: Encodable {
        let taxRate: TaxRate
        let paidInvoice: Invoice
        let openInvoice: Invoice
        let payment: Payment
        let plan: Plan
        let subscription: Subscription
    }

    /// The bank account payers see, for South Africa and every other country.
    static let bankDetails = [
        PaymentGatewayLabeledValue("Bank", "First National Bank"),
        PaymentGatewayLabeledValue("Account holder", "Demo Agency (Pty) Ltd"),
        PaymentGatewayLabeledValue("Account number", "62000000001"),
        PaymentGatewayLabeledValue("Branch code", "250655"),
    ]

    /// Seeds billing for `companies` (the demo's Karoo, Blue Crane and Umhlanga, in that order).
    static func seed(_ portal: Portal, tenant: Tenant, principal: Principal, companies: [Company]) async throws -> Seeded {
        let billing = portal.billing
        let (karoo, blueCrane, umhlanga) = (companies[0], companies[1], companies[2])
        let zar = tenant.defaultCurrency
        func amount(_ text: String) throws -> Int64 { try Money(decimal: text, currency: zar).minorUnits }

        // South African VAT has been 15% since 1 April 2018.
        let vat = try await billing.taxRates.create(
            NewTaxRate(code: "VAT", name: "VAT 15%", percent: 15, validFrom: LocalDate(year: 2018, month: 4, day: 1)!),
            by: principal)
        _ = try await billing.settings.update(
            BillingSettings(
                paymentTermsDays: 14, invoiceLeadDays: 7,
                sellerAddress: ["Demo Agency (Pty) Ltd", "5 Bree Street", "Cape Town 8001", "South Africa"],
                sellerTaxId: "4710123456", sellerEmail: "accounts@demo.example",
                invoiceFooter: "Thank you for your business. Please quote the invoice number with your payment."),
            by: principal)
        for (country, order) in [("ZA", 0), ("*", 1)] {
            _ = try await billing.paymentMethods.configure(
                PaymentMethodInput(
                    country: country, displayName: country == "ZA" ? "Bank transfer (EFT)" : "International bank transfer",
                    instructions: "Pay into the account below and quote the invoice number as the reference.",
                    details: bankDetails + (country == "ZA" ? [] : [PaymentGatewayLabeledValue("SWIFT", "FIRNZAJJ")]),
                    sortOrder: order),
                by: principal)
        }

        let website = try await billing.invoices.create(
            NewInvoice(
                companyId: karoo.id, memo: "Website redesign, phase 1",
                lines: [
                    InvoiceLineInput(description: "Website redesign", unitAmount: try amount("12000.00"), taxCode: "VAT"),
                    InvoiceLineInput(description: "Hosting, 12 months", quantity: 12, unitAmount: try amount("200.00"), taxCode: "VAT"),
                ]),
            by: principal)
        let issued = try await billing.invoices.finalize(website.id, by: principal)
        let payment = try await billing.payments.record(
            NewPayment(
                companyId: karoo.id, amount: issued.total.minorUnits, currency: issued.currency, reference: issued.number,
                allocations: [PaymentAllocation(invoiceId: issued.id, amount: issued.total.minorUnits)],
                idempotencyKey: "demo-payment-\(issued.id.uuidString)"),
            by: principal)
        let paid = try await billing.invoices.get(issued.id, by: principal)

        let workshop = try await billing.invoices.create(
            NewInvoice(
                companyId: blueCrane.id,
                lines: [
                    InvoiceLineInput(
                        description: "Fleet dashboard: discovery workshop", quantity: 2, unitAmount: try amount("4500.00"), taxCode: "VAT")
                ]),
            by: principal)
        let open = try await billing.invoices.finalize(workshop.id, by: principal)

        let plan = try await billing.plans.create(
            NewPlan(
                code: "care-monthly", name: "Website Care", description: "Updates, backups and monitoring, with 10 support credits.",
                currency: zar, price: try amount("1500.00"), interval: .monthly, includedCredits: 10, taxCode: "VAT"),
            by: principal)
        let subscription = try await billing.subscriptions.create(
            NewSubscription(companyId: umhlanga.id, planId: plan.id), by: principal)
        return Seeded(
            taxRate: vat, paidInvoice: paid, openInvoice: open, payment: payment, plan: plan, subscription: subscription)
    }

    /// The demo's billing, for people.
    static func text(_ seeded: Seeded, companies: [Company]) -> String {
        let name = { (id: CompanyID) in companies.first { $0.id == id }?.name ?? id.uuidString }
        return """
            Billing:
              \(seeded.taxRate.name); bank transfer details for ZA and other countries
              \(seeded.paidInvoice.number ?? "")  \(name(seeded.paidInvoice.companyId))  \(seeded.paidInvoice.total.formatted())  \(seeded.paidInvoice.status.rawValue)
              \(seeded.openInvoice.number ?? "")  \(name(seeded.openInvoice.companyId))  \(seeded.openInvoice.total.formatted())  \(seeded.openInvoice.status.rawValue), due \(seeded.openInvoice.dueDate?.iso8601 ?? "-")
              Plan \(seeded.plan.name) (\(seeded.plan.price.formatted()) a \(seeded.plan.interval.name)), subscribed by \(name(seeded.subscription.companyId))
            """
    }
}

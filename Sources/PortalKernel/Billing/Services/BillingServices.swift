/// Every billing use case, built on one ``BillingContext``: `portal.billing.invoices.finalize(…)`.
public struct BillingServices: Sendable {
    public let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    public var settings: BillingSettingsService { BillingSettingsService(context: context) }
    public var taxRates: TaxRates { TaxRates(context: context) }
    public var invoices: Invoices { Invoices(context: context) }
    public var contracts: Contracts { Contracts(context: context) }
    public var contractBilling: ContractBilling { ContractBilling(context: context) }
    public var creditNotes: CreditNotes { CreditNotes(context: context) }
    public var payments: Payments { Payments(context: context) }
    public var paymentMethods: PaymentMethods { PaymentMethods(context: context) }
    public var runs: BillingRuns { BillingRuns(context: context) }
    public var reminders: Reminders { Reminders(context: context) }
    public var reports: Reports { Reports(context: context) }
    public var documents: InvoiceDocuments { InvoiceDocuments(context: context) }
    public var plans: Plans { Plans(context: context) }
    public var subscriptions: Subscriptions { Subscriptions(context: context) }
    public var creditPackages: CreditPackages { CreditPackages(context: context) }
    public var credits: Credits { Credits(context: context) }
}

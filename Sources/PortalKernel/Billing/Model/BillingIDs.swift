// Typed identifiers of billing records, so an invoice id cannot be passed where a payment id is expected.

/// Marks InvoiceID.
public enum InvoiceTag: IdentifierTag { public static let entityName = "invoice" }
/// Identifies an invoice.
public typealias InvoiceID = Identifier<InvoiceTag>

/// Marks InvoiceLineID.
public enum InvoiceLineTag: IdentifierTag { public static let entityName = "invoice_line" }
/// Identifies one line of an invoice.
public typealias InvoiceLineID = Identifier<InvoiceLineTag>

/// Marks TaxRateID.
public enum TaxRateTag: IdentifierTag { public static let entityName = "tax_rate" }
/// Identifies one version of a tax rate.
public typealias TaxRateID = Identifier<TaxRateTag>

/// Marks CreditNoteID.
public enum CreditNoteTag: IdentifierTag { public static let entityName = "credit_note" }
/// Identifies a credit note.
public typealias CreditNoteID = Identifier<CreditNoteTag>

/// Marks PaymentID.
public enum PaymentTag: IdentifierTag { public static let entityName = "payment" }
/// Identifies a payment.
public typealias PaymentID = Identifier<PaymentTag>

/// Marks RefundID.
public enum RefundTag: IdentifierTag { public static let entityName = "refund" }
/// Identifies a refund of a payment.
public typealias RefundID = Identifier<RefundTag>

/// Marks LedgerEntryID.
public enum LedgerEntryTag: IdentifierTag { public static let entityName = "ledger_entry" }
/// Identifies an entry of the money ledger.
public typealias LedgerEntryID = Identifier<LedgerEntryTag>

/// Marks PaymentMethodID.
public enum PaymentMethodTag: IdentifierTag { public static let entityName = "payment_method" }
/// Identifies a tenant's configured payment method.
public typealias PaymentMethodID = Identifier<PaymentMethodTag>

/// Marks PlanID.
public enum PlanTag: IdentifierTag { public static let entityName = "plan" }
/// Identifies a subscription plan.
public typealias PlanID = Identifier<PlanTag>

/// Marks SubscriptionID.
public enum SubscriptionTag: IdentifierTag { public static let entityName = "subscription" }
/// Identifies a company's subscription to a plan.
public typealias SubscriptionID = Identifier<SubscriptionTag>

/// Marks CreditPackageID.
public enum CreditPackageTag: IdentifierTag { public static let entityName = "credit_package" }
/// Identifies a purchasable credit package.
public typealias CreditPackageID = Identifier<CreditPackageTag>

/// Marks CreditEntryID.
public enum CreditEntryTag: IdentifierTag { public static let entityName = "credit_entry" }
/// Identifies an entry of the credit ledger.
public typealias CreditEntryID = Identifier<CreditEntryTag>

/// Marks ContractID.
public enum ContractTag: IdentifierTag { public static let entityName = "contract" }
/// Identifies a contract with a company.
public typealias ContractID = Identifier<ContractTag>

/// Marks ContractLineItemID.
public enum ContractLineItemTag: IdentifierTag { public static let entityName = "contract_line_item" }
/// Identifies a billed line item of a contract.
public typealias ContractLineItemID = Identifier<ContractLineItemTag>

/// Marks ContractBillingPeriodID.
public enum ContractBillingPeriodTag: IdentifierTag { public static let entityName = "contract_billing_period" }
/// Identifies one billing period of a contract.
public typealias ContractBillingPeriodID = Identifier<ContractBillingPeriodTag>

/// Marks BillingRunID.
public enum BillingRunTag: IdentifierTag { public static let entityName = "billing_run" }
/// Identifies one billing run.
public typealias BillingRunID = Identifier<BillingRunTag>

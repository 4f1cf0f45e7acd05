import Foundation
@testable import PortalHTTP
import PortalKernel
import Testing

/// The billing schemas of the OpenAPI document describe the JSON the kernel's billing types and
/// the billing routes' own bodies read and write (see ``OpenAPISchemaTests`` for the method).
@Suite("The billing OpenAPI schemas match the kernel's JSON")
struct BillingOpenAPISchemaTests {
    typealias Pairing = OpenAPISchemaTests.Pairing

    static let pairings: [Pairing] = [
        Pairing(BillingSettings.self, "BillingSettings"), Pairing(TaxRate.self, "TaxRate"), Pairing(NewTaxRate.self, "NewTaxRate"),
        Pairing(PaymentMethod.self, "PaymentMethod"), Pairing(PaymentMethodInput.self, "PaymentMethodInput"),
        Pairing(PaymentGatewayLabeledValue.self, "LabeledValue"),
        Pairing(Invoice.self, "Invoice"), Pairing(InvoiceLine.self, "InvoiceLine"), Pairing(AppliedTax.self, "AppliedTax"),
        Pairing(InvoiceLineInput.self, "InvoiceLineInput"), Pairing(NewInvoice.self, "NewInvoice"),
        Pairing(NewDepositInvoice.self, "NewDepositInvoice"), Pairing(InvoiceUpdate.self, "InvoiceUpdate"),
        Pairing(BillingInvoiceRoutes.CreditApplication.self, "CreditApplication"), Pairing(BillingReason.self, "Reason"),
        Pairing(BillingPaymentStart.self, "PaymentStart"), Pairing(BillingPaymentStart.Step.self, "PaymentStep"),
        Pairing(BillingPaymentStart.Decline.self, "PaymentDecline"), Pairing(PaymentGatewayFormPost.Field.self, "FormField"),
        Pairing(CreditNote.self, "CreditNote"), Pairing(CreditNoteLine.self, "CreditNoteLine"),
        Pairing(NewCreditNote.self, "NewCreditNote"), Pairing(CreditNoteLineInput.self, "CreditNoteLineInput"),
        Pairing(Payment.self, "Payment"), Pairing(PaymentAllocation.self, "PaymentAllocation"), Pairing(NewPayment.self, "NewPayment"),
        Pairing(NewRefund.self, "NewRefund"), Pairing(Refund.self, "Refund"),
        Pairing(Plan.self, "Plan"), Pairing(NewPlan.self, "NewPlan"), Pairing(PlanUpdate.self, "PlanUpdate"),
        Pairing(CreditPackage.self, "CreditPackage"), Pairing(NewCreditPackage.self, "NewCreditPackage"),
        Pairing(CreditPackageUpdate.self, "CreditPackageUpdate"), Pairing(BillingCatalogRoutes.Purchase.self, "CreditPurchase"),
        Pairing(Subscription.self, "Subscription"), Pairing(ServicePeriod.self, "ServicePeriod"),
        Pairing(NewSubscription.self, "NewSubscription"), Pairing(SubscriptionOutcome.self, "SubscriptionOutcome"),
        Pairing(BillingSubscriptionRoutes.Cancellation.self, "SubscriptionCancellation"),
        Pairing(BillingSubscriptionRoutes.PlanChange.self, "PlanChange"),
        Pairing(CreditEntry.self, "CreditEntry"), Pairing(CreditUsage.self, "CreditUsage"),
        Pairing(BillingCreditRoutes.Usage.self, "CreditUsageInput"), Pairing(BillingCreditRoutes.Adjustment.self, "CreditAdjustment"),
        Pairing(Contract.self, "Contract"), Pairing(NewContract.self, "NewContract"), Pairing(ContractUpdate.self, "ContractUpdate"),
        Pairing(BillingContractRoutes.StatusChange.self, "ContractStatusChange"),
        Pairing(ContractLineItem.self, "ContractLineItem"), Pairing(ContractLineItemInput.self, "ContractLineItemInput"),
        Pairing(ContractBillingSettings.self, "ContractBillingSettings"), Pairing(ContractBillingPlan.Line.self, "ContractBillingLine"),
        Pairing(ContractBillingPlan.Period.self, "ContractBillingPreviewPeriod"),
        Pairing(ContractBillingPeriod.self, "ContractBillingPeriod"),
        Pairing(BillingReportRoutes.RunRequest.self, "BillingRunRequest"), Pairing(BillingRunSummary.self, "BillingRunSummary"),
        Pairing(BillingRunSummary.Failure.self, "BillingRunFailure"), Pairing(BillingReportRoutes.SweepRequest.self, "ReminderSweepRequest"),
        Pairing(Reminders.Summary.self, "ReminderSummary"), Pairing(MonthlyRevenue.self, "MonthlyRevenue"),
        Pairing(OutstandingAmount.self, "OutstandingAmount"), Pairing(CompanyBalance.self, "CompanyBalance"),
    ]

    @Test("a billing schema's properties are the type's fields", arguments: pairings)
    func fields(_ pairing: Pairing) throws {
        try OpenAPISchemaTests().fields(pairing)
    }

    @Test("the credit balance and customer credit bodies have the properties the routes write")
    func responseBodies() throws {
        let document = try OpenAPIAgreementTests.document()
        func properties(_ name: String) throws -> Set<String> {
            Set((try OpenAPISchemaTests.schema(name, in: document)["properties"] as? [String: Any] ?? [:]).keys)
        }
        #expect(try properties("CreditBalance") == ["balance", "items", "next_cursor"])
        #expect(try properties("CustomerCredit") == ["balances"])
    }

    @Test("billing enum schemas list exactly the kernel's values")
    func enums() throws {
        let document = try OpenAPIAgreementTests.document()
        func check<Value: RawRepresentable & CaseIterable>(_ type: Value.Type, _ name: String) throws where Value.RawValue == String {
            let values = try #require(try OpenAPISchemaTests.schema(name, in: document)["enum"] as? [String], "\(name) has no enum")
            #expect(Set(values) == Set(Value.allCases.map(\.rawValue)), "\(name)")
        }
        try check(PlanChangeTiming.self, "PlanChangeTiming")
        try check(InvoiceStatus.self, "InvoiceStatus")
        try check(InvoiceKind.self, "InvoiceKind")
        try check(InvoiceLineKind.self, "InvoiceLineKind")
        try check(PaymentStatus.self, "PaymentStatus")
        try check(PaymentGatewayState.self, "PaymentGatewayState")
        try check(SubscriptionStatus.self, "SubscriptionStatus")
        try check(CreditEntryKind.self, "CreditEntryKind")
        try check(ContractType.self, "ContractType")
        try check(ContractStatus.self, "ContractStatus")
        try check(ContractBillingFrequency.self, "ContractBillingFrequency")
        try check(ContractLineItemType.self, "ContractLineItemType")
        try check(ContractLineItemStatus.self, "ContractLineItemStatus")
        try check(ContractBillingPeriodStatus.self, "ContractBillingPeriodStatus")
    }

    @Test("billing sort parameters allow exactly the kernel's sort fields, each either way")
    func sorts() throws {
        let document = try OpenAPIAgreementTests.document()
        let parameters = try #require((document["components"] as? [String: Any])?["parameters"] as? [String: Any])
        for (name, fields) in [
            ("InvoiceSort", InvoiceListOptions.sortFields), ("PaymentSort", BillingPaymentRoutes.sortFields),
            ("SubscriptionSort", SubscriptionListOptions.sortFields), ("ContractSort", ContractListOptions.sortFields),
        ] {
            let parameter = try #require(parameters[name] as? [String: Any], "no parameter \(name)")
            let values = (parameter["schema"] as? [String: Any])?["enum"] as? [String] ?? []
            let expected = fields.flatMap { [$0.rawValue, "-" + $0.rawValue] }
            #expect(Set(values) == Set(expected), "\(name)")
        }
    }
}

// Reading billing records from their rows. Column names match `PortalSchema+Billing.swift`.

extension SQLRow {
    /// An amount stored as minor units in `column`, in `currency`.
    func money(_ column: String, _ currency: Currency) throws -> Money {
        Money(minorUnits: try get(column, as: Int64.self), currency: currency)
    }
}

extension TaxRate {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), code: try row.get("code"), name: try row.get("name"),
            percent: Percentage(partsPerMillion: try row.get("percent_ppm")), inclusive: try row.get("inclusive"),
            validFrom: try row.get("valid_from"), validUntil: nil, createdAt: try row.get("created_at"))
    }
}

extension Invoice {
    /// An invoice without its lines (see ``InvoiceStore``).
    init(row: SQLRow) throws {
        let currency: Currency = try row.get("currency")
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), companyId: try row.get("company_id"),
            number: try row.get("number"), kind: try row.enumeration("kind"), status: try row.enumeration("status"),
            currency: currency, issueDate: try row.get("issue_date"), dueDate: try row.get("due_date"),
            paymentTermsDays: try row.get("payment_terms_days"), periodStart: try row.get("period_start"),
            periodEnd: try row.get("period_end"), applyCompanyDiscount: try row.get("apply_company_discount"),
            subtotal: try row.money("subtotal", currency), taxTotal: try row.money("tax_total", currency),
            total: try row.money("total", currency), amountPaid: try row.money("amount_paid", currency),
            amountCredited: try row.money("amount_credited", currency), amountDue: try row.money("amount_due", currency),
            creditsOnPayment: try row.get("credits_on_payment"), subscriptionId: try row.get("subscription_id"),
            contractId: try row.get("contract_id"), memo: try row.get("memo"), finalizedAt: try row.get("finalized_at"),
            paidAt: try row.get("paid_at"), voidedAt: try row.get("voided_at"), statusReason: try row.get("status_reason"),
            lines: [], createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }
}

extension InvoiceLine {
    init(row: SQLRow, currency: Currency) throws {
        let taxCode: String? = try row.get("tax_code")
        var tax: AppliedTax?
        if let taxCode {
            tax = AppliedTax(
                code: taxCode, name: try row.get("tax_name"), percent: Percentage(partsPerMillion: try row.get("tax_ppm")),
                inclusive: try row.get("tax_inclusive"))
        }
        self.init(
            id: try row.get("id"), position: try row.get("position"), kind: try row.enumeration("kind"),
            description: try row.get("description"), quantity: Quantity(thousandths: try row.get("quantity_thousandths")),
            unitAmount: try row.money("unit_amount", currency),
            discountPercent: Percentage(partsPerMillion: try row.get("discount_ppm")), tax: tax,
            grossAmount: try row.money("gross_amount", currency), discountAmount: try row.money("discount_amount", currency),
            netAmount: try row.money("net_amount", currency), taxAmount: try row.money("tax_amount", currency),
            totalAmount: try row.money("total_amount", currency), depositInvoiceId: try row.get("deposit_invoice_id"),
            periodStart: try row.get("period_start"), periodEnd: try row.get("period_end"))
    }

    /// The line as a calculator input.
    var spec: InvoiceCalculator.LineSpec {
        InvoiceCalculator.LineSpec(
            kind: kind, description: description, quantity: quantity, unitAmount: unitAmount,
            discountPercent: discountPercent, tax: tax, depositInvoiceId: depositInvoiceId,
            periodStart: periodStart, periodEnd: periodEnd)
    }
}

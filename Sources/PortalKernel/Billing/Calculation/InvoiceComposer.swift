/// Builds an invoice's computed lines from the items asked for: resolves each item's tax for
/// the invoice date, adds the company-discount lines and the deposit deductions, numbers the
/// positions and computes every amount with ``InvoiceCalculator``.
struct InvoiceComposer {
    let tenant: TenantID
    let currency: Currency
    /// The date whose tax rates apply: the issue date, or today for a draft without one.
    let taxDate: LocalDate
    /// The company's standing discount, or zero when the invoice does not apply it.
    let companyDiscount: Percentage

    /// One item as stored or requested.
    struct Item {
        var id: InvoiceLineID?
        var description: String
        var quantity: Quantity
        var unitAmount: Money
        var discountPercent: Percentage
        var taxCode: String?
        var periodStart: LocalDate?
        var periodEnd: LocalDate?
    }

    func lines(
        items: [Item], deposits: [Invoice], at now: Instant, on connection: any SQLConnection
    ) throws -> [InvoiceLine] {
        var specs: [(InvoiceLineID?, InvoiceCalculator.LineSpec)] = []
        for (index, item) in items.enumerated() {
            let tax = try item.taxCode.map {
                try TaxRates.resolve($0, on: taxDate, tenant: tenant, field: "lines[\(index)].tax_code", connection: connection)
            }
            specs.append((item.id, InvoiceCalculator.LineSpec(
                description: item.description, quantity: item.quantity, unitAmount: item.unitAmount,
                discountPercent: item.discountPercent, tax: tax, periodStart: item.periodStart, periodEnd: item.periodEnd)))
        }
        let discounts = try InvoiceCalculator.companyDiscountLines(
            for: specs.map(\.1), discount: companyDiscount, currency: currency)
        specs += discounts.map { (nil, $0) }
        for deposit in deposits { specs += try Self.deductions(of: deposit).map { (nil, $0) } }
        return try specs.enumerated().map { index, entry in
            let (id, spec) = entry
            let amounts = try InvoiceCalculator.amounts(of: spec, currency: currency)
            return InvoiceLine(
                id: id ?? InvoiceLineID.generate(at: now), position: index + 1, kind: spec.kind, description: spec.description,
                quantity: spec.quantity, unitAmount: spec.unitAmount, discountPercent: spec.discountPercent, tax: spec.tax,
                grossAmount: amounts.gross, discountAmount: amounts.discount, netAmount: amounts.net, taxAmount: amounts.tax,
                totalAmount: amounts.total, depositInvoiceId: spec.depositInvoiceId, periodStart: spec.periodStart,
                periodEnd: spec.periodEnd)
        }
    }

    /// The lines deducting a deposit invoice: one per tax treatment on it, each worth what the
    /// deposit charged under that treatment (before tax for exclusive rates, including tax for
    /// inclusive ones), taxed the same way, so the deposit's tax is reversed exactly.
    static func deductions(of deposit: Invoice) throws -> [InvoiceCalculator.LineSpec] {
        var order: [AppliedTax?] = []
        var amounts: [AppliedTax?: Money] = [:]
        for line in deposit.lines {
            let charged = line.tax?.inclusive == true ? line.totalAmount : line.netAmount
            if amounts[line.tax] == nil { order.append(line.tax) }
            amounts[line.tax] = try (amounts[line.tax] ?? .zero(deposit.currency)).adding(charged)
        }
        return try order.compactMap { tax in
            let amount = amounts[tax, default: .zero(deposit.currency)]
            guard !amount.isZero else { return nil }
            return InvoiceCalculator.LineSpec(
                kind: .depositDeduction, description: "Less deposit \(deposit.number ?? "")", unitAmount: try amount.negated(),
                tax: tax, depositInvoiceId: deposit.id)
        }
    }
}

extension InvoiceComposer.Item {
    /// An item line of an existing invoice, to compute again.
    init(_ line: InvoiceLine) {
        self.init(
            id: line.id, description: line.description, quantity: line.quantity, unitAmount: line.unitAmount,
            discountPercent: line.discountPercent, taxCode: line.tax?.code, periodStart: line.periodStart,
            periodEnd: line.periodEnd)
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli payment …`: money received from companies, bank transfers to confirm, refunds.
struct PaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Record, list, approve, reject and refund payments.",
        subcommands: [Record.self, List.self, Show.self, Approve.self, Reject.self, Refund.self])

    struct Record: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record money already received; it is applied at once.",
            discussion: """
                Each --invoice is INVOICE or INVOICE=AMOUNT (id or number): without an amount the invoice gets what it \
                still owes, as far as the payment goes. Without --invoice the oldest unpaid invoices are settled \
                first. What is left becomes customer credit. Repeating a command with the same --key records nothing new.
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The paying company: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: ArgumentHelp("The amount received, as decimal text (1500.00).", valueName: "amount"))
        var amount: String

        @Option(help: "The payment's currency (default: the tenant's).")
        var currency: String?

        @Option(name: .customLong("invoice"), help: ArgumentHelp("INVOICE[=AMOUNT] to apply it to (repeatable).", valueName: "invoice"))
        var invoices: [String] = []

        @Option(help: "The payer's reference (usually the invoice number).")
        var reference: String?

        @Option(help: ArgumentHelp("The day the money arrived (default: today).", valueName: "YYYY-MM-DD"))
        var receivedOn: String?

        @Option(help: ArgumentHelp("An idempotency key: the same key never records a second payment.", valueName: "key"))
        var key: String?

        @Option(help: "The gateway the money came through (default: manual).")
        var gateway: String?

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let currency = try tenant.currency(self.currency)
                let total = try BillingInput.amount(amount, currency: currency, field: "amount")
                var allocations: [PaymentAllocation] = []
                var left = total
                for (index, text) in invoices.enumerated() {
                    let (invoice, requested) = try await InvoiceReference.allocation(
                        text, index: index, currency: currency, in: tenant.billing.invoices, by: tenant.principal)
                    // An invoice that owes nothing gets the rest, so that a repeated --key finds its payment
                    // and anything else is refused by the kernel's own checks.
                    let owed = invoice.amountDue.minorUnits
                    let share = requested ?? (owed > 0 ? min(left, owed) : left)
                    allocations.append(PaymentAllocation(invoiceId: invoice.id, amount: share))
                    left -= share
                }
                let payment = try await tenant.billing.payments.record(
                    NewPayment(
                        companyId: company.id, amount: total, currency: currency, gateway: gateway, reference: reference,
                        receivedOn: try receivedOn.map { try BillingInput.date($0, field: "received_on") },
                        allocations: allocations.isEmpty ? nil : allocations, idempotencyKey: key),
                    by: tenant.principal)
                tenant.output.emit(payment) { PaymentDetails(payment: payment, company: company.name).rendered }
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's payments, newest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only this company's payments (id or account number).", valueName: "company"))
        var company: String?

        @Option(help: "Only payments in this state: pending, succeeded, failed, refunded or partially_refunded.")
        var status: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            try await withTenant { tenant in
                let filter = PaymentListOptions(
                    sort: ListSort(.createdAt, descending: true), companyId: try await tenant.companyFilter(company),
                    status: try InputValidation.choice(status, as: PaymentStatus.self, field: "status"))
                let payments = try await tenant.billing.payments.list(filter, page: try page.request, by: tenant.principal)
                await tenant.emit(
                    page: payments, companyOf: \.companyId,
                    headers: ["RECEIVED", "COMPANY", "STATUS", "AMOUNT", "REFUNDED", "GATEWAY", "REFERENCE", "ID"]
                ) { payment, company in
                    [
                        payment.receivedOn?.iso8601 ?? "-", company, payment.status.rawValue, payment.amount.formatted(),
                        payment.refundedAmount.isZero ? "-" : payment.refundedAmount.formatted(), payment.gateway,
                        payment.reference.cell, payment.id.uuidString,
                    ]
                }
            }
        }
    }

    struct Show: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "Show one payment and where its money went.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The payment's id.")
        var id: String

        func run() async throws {
            try await withTenant { tenant in
                let payment = try await tenant.billing.payments.get(try PaymentID(parsing: id, field: "id"), by: tenant.principal)
                let company = await tenant.companyLabel(payment.companyId)
                tenant.output.emit(payment) { PaymentDetails(payment: payment, company: company).rendered }
            }
        }
    }

    struct Approve: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm a pending bank transfer arrived: its money is applied to the invoices.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The pending payment's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.billing.payments.approve(try PaymentID(parsing: id, field: "id"), by: tenant.principal)
            } message: { "Approved payment \($0.id): \($0.amount.formatted())." }
        }
    }

    struct Reject: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a pending bank transfer that did not arrive.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The pending payment's id.")
        var id: String

        @Option(help: "Why (the payer sees it).")
        var reason: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.billing.payments.reject(try PaymentID(parsing: id, field: "id"), reason: reason, by: tenant.principal)
            } message: { "Rejected payment \($0.id): \($0.amount.formatted())." }
        }
    }

    struct Refund: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refund all or part of a payment through its gateway.",
            discussion: "Manual payments are refunded in the ledger only: return the money yourself.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The payment's id.")
        var id: String

        @Option(help: ArgumentHelp("How much, as decimal text (default: all not yet refunded).", valueName: "amount"))
        var amount: String?

        @Option(help: "Why.")
        var reason: String

        @Option(help: ArgumentHelp("An idempotency key: the same key never refunds twice.", valueName: "key"))
        var key: String?

        func run() async throws {
            try await withTenant { tenant in
                let payments = tenant.billing.payments
                let payment = try await payments.get(try PaymentID(parsing: id, field: "id"), by: tenant.principal)
                let minor = try amount.map { try BillingInput.amount($0, currency: payment.amount.currency, field: "amount") }
                let refund = try await payments.refund(
                    payment.id, NewRefund(amount: minor, reason: reason, idempotencyKey: key), by: tenant.principal)
                tenant.output.message(
                    "Refund \(refund.id) of \(refund.amount.formatted()) from payment \(payment.id): \(refund.status).", json: refund)
            }
        }
    }
}

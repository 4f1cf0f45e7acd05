import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli credit-note issue|show|list|pdf`: documents that reduce what a company owes on an issued invoice.
struct CreditNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit-note", abstract: "Issue, show, list and print credit notes.",
        subcommands: [Issue.self, Show.self, List.self, PDF.self])

    struct Issue: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Credit all or part of an issued invoice.",
            discussion: """
                Without --line everything not yet credited is credited. Each --line is LINE=AMOUNT: the invoice line \
                (its id, or its # in `invoice show`) and the tax-inclusive amount to credit (100.00). What exceeds the \
                amount due becomes customer credit.
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The invoice credited: its id or number.", valueName: "invoice"))
        var invoice: String

        @Option(help: "Why (printed on the credit note).")
        var reason: String

        @Option(name: .customLong("line"), help: ArgumentHelp("LINE=AMOUNT to credit of one line (repeatable).", valueName: "line"))
        var lines: [String] = []

        func run() async throws {
            try await withTenant { tenant in
                let invoice = try await tenant.invoice(self.invoice, field: "invoice")
                let inputs = try lines.enumerated().map { index, text in
                    let field = "lines[\(index)]"
                    let (line, amount) = try BillingInput.pair(text, field: field)
                    let match = invoice.lines.first { $0.id.uuidString.lowercased() == line.lowercased() || String($0.position) == line }
                    guard let match else {
                        throw PortalError.invalid("The invoice has no line '\(line.prefix(40))'; see `invoice show`.", field: field)
                    }
                    return CreditNoteLineInput(
                        invoiceLineId: match.id,
                        amount: try BillingInput.amount(amount, currency: invoice.currency, field: "\(field).amount"))
                }
                let note = try await tenant.billing.creditNotes.issue(
                    NewCreditNote(invoiceId: invoice.id, reason: reason, lines: inputs.isEmpty ? nil : inputs), by: tenant.principal)
                tenant.output.message(
                    "Issued credit note \(note.number) (\(note.id)) on \(invoice.number ?? ""): \(note.total.formatted()); "
                        + "\(note.appliedToInvoice.formatted()) off the invoice, \(note.creditedToBalance.formatted()) to customer credit.",
                    json: note)
            }
        }
    }

    struct Show: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "Show one credit note.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The credit note's id.")
        var id: String

        func run() async throws {
            try await withTenant { tenant in
                let note = try await tenant.billing.creditNotes.get(try CreditNoteID(parsing: id, field: "id"), by: tenant.principal)
                tenant.output.emit(note) {
                    DetailLines([
                        ("Credit note", note.number), ("ID", note.id.uuidString), ("Invoice", note.invoiceId.uuidString),
                        ("Issued", note.issueDate.iso8601), ("Reason", note.reason), ("Subtotal", note.subtotal.formatted()),
                        ("Tax", note.taxTotal.formatted()), ("Total", note.total.formatted()),
                        ("Off the invoice", note.appliedToInvoice.formatted()),
                        ("To customer credit", note.creditedToBalance.formatted()), ("By", note.createdBy),
                    ]).rendered + "\n"
                        + Table(
                            headers: ["DESCRIPTION", "NET", "TAX", "TOTAL"],
                            rows: note.lines.map {
                                [$0.description, $0.netAmount.formatted(), $0.taxAmount.formatted(), $0.totalAmount.formatted()]
                            }
                        ).rendered
                }
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List an invoice's credit notes, oldest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The invoice: its id or number.", valueName: "invoice"))
        var invoice: String

        func run() async throws {
            try await withTenant { tenant in
                let found = try await tenant.invoice(invoice, field: "invoice")
                let notes = try await tenant.billing.creditNotes.list(invoice: found.id, by: tenant.principal)
                tenant.output.emit(notes) {
                    Table(
                        headers: ["NUMBER", "ISSUED", "TOTAL", "OFF INVOICE", "TO CREDIT", "REASON", "ID"],
                        rows: notes.map { note in
                            [note.number, note.issueDate.iso8601, note.total.formatted(), note.appliedToInvoice.formatted(),
                             note.creditedToBalance.formatted(), note.reason, note.id.uuidString]
                        })
                }
            }
        }
    }

    struct PDF: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf", abstract: "Write a credit note as a PDF file.",
            discussion: "Needs the pdf plugin (plugins.enabled = pdf, or PORTAL_PLUGINS_ENABLED=pdf); exits 6 without it.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The credit note's id.")
        var id: String

        @Option(help: ArgumentHelp("The file to write (default: the credit note number, .pdf, here).", valueName: "file"))
        var out: String?

        func run() async throws {
            try await writeDocument(to: out) { tenant in
                let note = try await tenant.billing.creditNotes.get(try CreditNoteID(parsing: id, field: "id"), by: tenant.principal)
                let file = try await tenant.billing.documents.renderCreditNote(note.id, by: tenant.principal)
                return (file, note.number, "credit note \(note.number)")
            }
        }
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

extension InvoiceCommand {
    /// `invoice pdf ID --out FILE`: the invoice document as the client receives it.
    struct PDF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf", abstract: "Write an invoice as a PDF file.",
            discussion: "Needs the pdf plugin (plugins.enabled = pdf, or PORTAL_PLUGINS_ENABLED=pdf); exits 6 without it.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The invoice's id or number.")
        var id: String

        @Option(help: ArgumentHelp("The file to write (default: the invoice number, .pdf, here).", valueName: "file"))
        var out: String?

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                try BillingDocumentFile.requireRenderer(assembled)
                let billing = assembled.portal.billing
                let invoice = try await InvoiceReference.resolve(id, field: "id", in: billing.invoices, by: scope.principal)
                let file = try await billing.documents.render(invoice.id, by: scope.principal)
                let report = try BillingDocumentFile.write(file, to: out, number: invoice.number)
                session.output.message(
                    "Wrote invoice \(invoice.number ?? "(draft)") to \(report.file) (\(report.bytes) bytes).", json: report)
            }
        }
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

extension InvoiceCommand {
    /// `invoice pdf ID --out FILE`: the invoice document as the client receives it.
    struct PDF: TenantScopedCommand {
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
            try await writeDocument(to: out) { tenant in
                let invoice = try await tenant.invoice(id, field: "id")
                let file = try await tenant.billing.documents.render(invoice.id, by: tenant.principal)
                return (file, invoice.number, "invoice \(invoice.number ?? "(draft)")")
            }
        }
    }
}

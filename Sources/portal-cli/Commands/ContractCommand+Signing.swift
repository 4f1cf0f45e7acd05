import ArgumentParser
import PortalAssembly
import PortalKernel

extension ContractCommand {
    /// `contract send ID`.
    struct Send: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a draft contract for signing: freezes its latest text and records its SHA-256.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The contract's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.contractSigning.send(try ContractID(parsing: id, field: "id"), by: tenant.principal)
            } message: { contract in
                "Sent \"\(contract.title)\" (document version \(contract.documentVersion), SHA-256 \(contract.documentSha256 ?? "-"))."
            }
        }
    }

    /// `contract countersign ID --name N`.
    struct Countersign: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Countersign a contract the client has signed, for the service business.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The contract's id.")
        var id: String

        @Option(help: ArgumentHelp("The countersigner's full name.", valueName: "full name"))
        var name: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.contractSigning.countersign(
                    try ContractID(parsing: id, field: "id"), ContractCountersignatureInput(fullName: name), by: tenant.principal)
            } message: { "Countersigned by \($0.fullName) at \($0.signedAt.iso8601), SHA-256 \($0.documentSha256)." }
        }
    }

    /// `contract pdf ID --out FILE`.
    struct PDF: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf", abstract: "Write a contract as a PDF: its text, the signature page and its audit trail.",
            discussion: "Needs the pdf plugin (plugins.enabled = pdf, or PORTAL_PLUGINS_ENABLED=pdf); exits 6 without it.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The contract's id.")
        var id: String

        @Option(help: ArgumentHelp("The file to write (default: the title and version, .pdf, here).", valueName: "file"))
        var out: String?

        func run() async throws {
            try await writeDocument(to: out) { tenant in
                let file = try await tenant.contractPDF.render(try ContractID(parsing: id, field: "id"), by: tenant.principal)
                return (file, nil, "contract \(id)")
            }
        }
    }

    /// `contract copy ID`.
    struct Copy: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new version of a contract: a new draft with the same company, title, type and latest text.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The contract's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.contractDocuments.copy(try ContractID(parsing: id, field: "id"), by: tenant.principal)
            } message: { "Created draft contract \"\($0.title)\" (document version \($0.documentVersion)), id \($0.id)." }
        }
    }
}

/// A contract's signatures as `contract show` prints them.
struct ContractSignatureTable {
    let signatures: [ContractSignature]

    init(_ signatures: [ContractSignature]) {
        self.signatures = signatures
    }

    var rendered: String {
        guard !signatures.isEmpty else { return "Signatures: none\n" }
        return Table(
            headers: ["PARTY", "NAME", "BY", "AT", "FROM", "SHA-256"],
            rows: signatures.map { signature in
                [signature.party.rawValue, signature.fullName, signature.email ?? signature.signerLabel,
                 signature.signedAt.iso8601, signature.clientAddress ?? "-", signature.documentSha256]
            }
        ).rendered
    }
}

extension TenantSession {
    /// Contract documents (``EngagementServices/contractDocuments``).
    var contractDocuments: ContractDocuments { assembled.portal.engagements.contractDocuments }
    /// Sending, signing and countersigning (``EngagementServices/contractSigning``).
    var contractSigning: ContractSigning { assembled.portal.engagements.contractSigning }
    /// Contract PDFs (``EngagementServices/contractPDF``).
    var contractPDF: ContractPDF { assembled.portal.engagements.contractPDF }
}

import ArgumentParser
import Foundation
import PortalAssembly
import PortalKernel

extension ContractCommand {
    /// `contract document set|show|versions`.
    struct Document: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "document", abstract: "Write a draft contract's text, read it, and list its versions.",
            subcommands: [SetText.self, Show.self, Versions.self])

        struct SetText: TenantScopedCommand {
            static let configuration = CommandConfiguration(
                commandName: "set", abstract: "Set a draft contract's text as a new version.",
                discussion: """
                    Give the text with --file (a UTF-8 file, or - for standard input) or --body. Blank lines separate \\
                    paragraphs. Text equal to the latest version writes nothing. Once the contract is sent its text is \\
                    frozen (exit 4).
                    """)

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            @Option(help: ArgumentHelp("A UTF-8 text file with the whole document, or - for standard input.", valueName: "file"))
            var file: String?

            @Option(help: ArgumentHelp("The whole document as text.", valueName: "text"))
            var body: String?

            func validate() throws {
                guard (file == nil) != (body == nil) else { throw ValidationError("Give exactly one of --file and --body.") }
            }

            func run() async throws {
                try await perform { tenant in
                    try await tenant.contractDocuments.setBody(
                        try ContractID(parsing: id, field: "id"), ContractDocumentInput(body: try text()), by: tenant.principal)
                } message: { "Document version \($0.version) of the contract, SHA-256 \($0.sha256)." }
            }

            private func text() throws -> String {
                if let body { return body }
                let path = file ?? "-"
                let data: Data
                do {
                    data = path == "-"
                        ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
                } catch {
                    throw PortalError.invalid("Cannot read \(path): \(error.localizedDescription)", field: "file")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw PortalError.invalid("\(path) is not UTF-8 text.", field: "file")
                }
                return text
            }
        }

        struct Show: TenantScopedCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print a contract's text: the latest version, or --version N.")

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            @Option(help: "A version number (default: the latest).")
            var version: Int?

            func run() async throws {
                try await withTenant { tenant in
                    let document = try await tenant.contractDocuments.document(
                        try ContractID(parsing: id, field: "id"), version: version, by: tenant.principal)
                    tenant.output.emit(document) { document.body }
                }
            }
        }

        struct Versions: TenantScopedCommand {
            static let configuration = CommandConfiguration(abstract: "List the versions of a contract's text, oldest first.")

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            func run() async throws {
                try await withTenant { tenant in
                    let versions = try await tenant.contractDocuments.versions(
                        try ContractID(parsing: id, field: "id"), by: tenant.principal)
                    tenant.output.emit(versions) {
                        Table(
                            headers: ["VERSION", "SHA-256", "BY", "AT"],
                            rows: versions.map { [String($0.version), $0.sha256, $0.createdBy, $0.createdAt.iso8601] })
                    }
                }
            }
        }
    }
}

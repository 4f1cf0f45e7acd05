import Foundation
import PortalAssembly
import PortalKernel

/// Writes rendered invoice and credit-note documents to files for `invoice pdf` and `credit-note pdf`.
enum BillingDocumentFile {
    /// What a document command prints with `--json`.
    struct Report: Encodable {
        let number: String?
        let file: String
        let contentType: String
        let bytes: Int
    }

    /// Fails with a message saying how to switch the renderer on, before anything is read.
    static func requireRenderer(_ assembled: AssembledPortal) throws {
        guard assembled.portal.billing.context.plugins.documentRenderer == nil else { return }
        throw PortalError(
            .unavailable,
            "Writing PDFs needs the pdf plugin: add pdf to plugins.enabled in the configuration (or set PORTAL_PLUGINS_ENABLED=pdf).",
            field: "plugins.enabled")
    }

    /// Writes `file` to `path` (default: its own name in the current directory), replacing an
    /// earlier copy, and returns the report.
    static func write(_ file: InvoiceDocuments.File, to path: String?, number: String?) throws -> Report {
        let target = path ?? file.fileName
        do {
            try Data(file.bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw PortalError.invalid("Cannot write \(target): \(error.localizedDescription)", field: "out")
        }
        return Report(number: number, file: target, contentType: file.contentType, bytes: file.bytes.count)
    }
}

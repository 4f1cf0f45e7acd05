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

extension TenantScopedCommand {
    /// Renders a billing document and writes it to `out` (see ``BillingDocumentFile/write(_:to:number:)``),
    /// printing `Wrote <document> to <file> (<n> bytes).` or the report with `--json`. Fails before
    /// anything is read when the renderer is off.
    ///
    /// `render` returns the rendered file, the document's number for the report, and how the
    /// message names it (`invoice INV-2026-11-00042`).
    func writeDocument(
        to out: String?,
        _ render: (TenantSession) async throws -> (file: InvoiceDocuments.File, number: String?, name: String)
    ) async throws {
        try await withTenant { tenant in
            try BillingDocumentFile.requireRenderer(tenant.assembled)
            let document = try await render(tenant)
            let report = try BillingDocumentFile.write(document.file, to: out, number: document.number)
            tenant.output.message("Wrote \(document.name) to \(report.file) (\(report.bytes) bytes).", json: report)
        }
    }
}

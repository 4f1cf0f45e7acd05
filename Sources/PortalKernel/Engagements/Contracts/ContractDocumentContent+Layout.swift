extension ContractDocumentContent {
    /// The document to hand to a ``DocumentRenderer``: an A4 page with the title, the parties,
    /// the version and its SHA-256, then the text (blank lines separate paragraphs); a page of
    /// signatures (who, when, from where, the hash each covers); and the audit trail. Every
    /// page names the provider and the title at the top, and the hash and "Page X of Y" at the
    /// bottom. A draft is marked DRAFT: its text may still change.
    public func layout() -> DocumentLayout {
        let metadata = DocumentMetadata(
            title: title, author: providerName, subject: "Contract between \(providerName) and \(companyName)",
            keywords: ["contract", type.rawValue, status.rawValue, documentSha256], createdAt: createdAt)
        let blocks = titleBlocks + bodyBlocks + [.pageBreak] + signatureBlocks + [.pageBreak] + auditBlocks
        return DocumentLayout(
            metadata: metadata, baseFontSize: 10,
            header: DocumentPageText(leading: [.text(providerName)], center: [], trailing: [.text(title)]),
            footer: DocumentPageText(leading: "SHA-256 \(documentSha256)", trailing: "Page {page} of {pages}"),
            blocks: blocks)
    }

    /// `2026-03-02 09:00:00 UTC`.
    static func timestamp(_ instant: Instant) -> String {
        let text = instant.iso8601  // 2026-03-02T09:00:00.000000Z
        return "\(text.prefix(10)) \(text.dropFirst(11).prefix(8)) UTC"
    }

    private var titleBlocks: [DocumentBlock] {
        var blocks: [DocumentBlock] = [.heading(title, level: 1)]
        if isDraft {
            blocks.append(.heading("DRAFT", level: 2))
            blocks.append(.paragraph([.italic("This contract has not been sent; its text may still change.")]))
        }
        let company = companyAccountNumber.map { "\(companyName) (account \($0))" } ?? companyName
        var details = [
            DocumentKeyValue("Provider", DocumentParagraph(providerName)), DocumentKeyValue("Client", DocumentParagraph(company)),
            DocumentKeyValue("Type", DocumentParagraph(type.rawValue.prefix(1).uppercased() + type.rawValue.dropFirst())),
            DocumentKeyValue("Status", DocumentParagraph(status.rawValue)),
            DocumentKeyValue("Document version", DocumentParagraph(String(documentVersion))),
        ]
        for (label, instant) in [("Sent", sentAt), ("Signed", signedAt), ("Countersigned", countersignedAt)] {
            if let instant { details.append(DocumentKeyValue(label, DocumentParagraph(Self.timestamp(instant)))) }
        }
        return blocks + [.keyValueList(details)] + Self.hashBlocks(documentSha256) + [.horizontalRule]
    }

    /// The text as stored: paragraphs at blank lines, line breaks kept.
    private var bodyBlocks: [DocumentBlock] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs.map { .paragraph(DocumentParagraph($0)) }
    }

    private var signatureBlocks: [DocumentBlock] {
        var blocks: [DocumentBlock] = [
            .heading("Signatures", level: 1),
            .paragraph(
                "Each signature covers the document whose SHA-256 it names: the hash of the UTF-8 bytes of the text above."),
        ]
        if signatures.isEmpty { blocks.append(.paragraph([.italic("Not signed yet.")])) }
        for signature in signatures {
            let party = signature.party == .client ? "Client: \(companyName)" : "Provider: \(providerName)"
            var pairs = [
                DocumentKeyValue("Signed by", [.bold(signature.fullName)]),
                DocumentKeyValue("Account", DocumentParagraph(signature.email ?? signature.signerLabel)),
                DocumentKeyValue("Signed at", DocumentParagraph(Self.timestamp(signature.signedAt))),
                DocumentKeyValue("From address", DocumentParagraph(signature.clientAddress ?? "unknown")),
            ]
            if let agent = signature.userAgent { pairs.append(DocumentKeyValue("User agent", DocumentParagraph(agent))) }
            pairs.append(DocumentKeyValue("Signature id", [.monospace(signature.id.uuidString)]))
            blocks += [.heading(party, level: 3), .keyValueList(pairs)] + Self.hashBlocks(signature.documentSha256)
        }
        return blocks
    }

    /// One row per event: sequence, time, action, and who with the address they acted from.
    private var auditBlocks: [DocumentBlock] {
        let rows = auditTrail.map { event -> [DocumentTableCell] in
            let from = event.ipAddress.map { [DocumentTextRun.plain("\nfrom \($0)")] } ?? []
            return [
                DocumentTableCell(String(event.sequence)), DocumentTableCell(String(Self.timestamp(event.occurredAt).dropLast(4))),
                DocumentTableCell(event.action), DocumentTableCell([.plain(event.actorLabel)] + from),
            ]
        }
        let columns = [
            DocumentTableColumn("#", width: .points(26), alignment: .trailing),
            DocumentTableColumn("Time (UTC)", width: .points(118)), DocumentTableColumn("Action", width: .fraction(1)),
            DocumentTableColumn("By", width: .fraction(1.15)),
        ]
        return [
            .heading("Audit trail", level: 1),
            .paragraph(
                "Every change to this contract, from the tenant's hash-chained audit trail (# is the event's sequence number)."),
            .table(DocumentTable(columns: columns, rows: rows.isEmpty ? [[DocumentTableCell("No events", span: 4)]] : rows)),
        ]
    }

    /// The label and, on its own line so it is never broken, the hash in a fixed-width face.
    private static func hashBlocks(_ hash: String) -> [DocumentBlock] {
        [.paragraph([.bold("Document SHA-256")]), .paragraph([.monospace(hash)])]
    }
}

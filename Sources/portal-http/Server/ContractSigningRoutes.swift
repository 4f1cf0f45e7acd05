import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Contract documents and electronic signature (`/contracts/{id}/…`): staff write the text of
/// a draft in versions, send it (freezing the text and its SHA-256), countersign and copy; a
/// company user allowed to sign contracts signs what was sent; everyone who may read the
/// contract reads its text, signatures and PDF.
///
/// The routes only translate HTTP to ``ContractDocuments``, ``ContractSigning`` and
/// ``ContractPDF`` calls; the kernel decides who may do what, and takes the signer's client
/// address and user agent from the request's principal.
enum ContractSigningRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "contracts/{id}/document", handler: document),
        APIRoute(.put, "contracts/{id}/document", handler: setDocument),
        APIRoute(.get, "contracts/{id}/document/versions", handler: versions),
        APIRoute(.post, "contracts/{id}/send", handler: send),
        APIRoute(.get, "contracts/{id}/signatures", handler: signatures),
        APIRoute(.post, "contracts/{id}/signatures", handler: sign),
        APIRoute(.post, "contracts/{id}/countersignature", handler: countersign),
        APIRoute(.get, "contracts/{id}/pdf", handler: pdf),
        APIRoute(.post, "contracts/{id}/copy", handler: copy),
    ]

    /// The current text (staff: the latest version, or `?version=N`; clients: the frozen one).
    @Sendable static func document(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let version = try call.query.version()
        return try call.json(try await call.contractDocuments.document(id, version: version, by: try call.principal()))
    }

    /// A new version of a draft's text (`{"body": "…"}`).
    @Sendable static func setDocument(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let body = try await call.body(ContractDocumentInput.self)
        return try call.json(try await call.contractDocuments.setBody(id, body, by: try call.principal()))
    }

    @Sendable static func versions(_ call: APICall) async throws -> Response {
        let versions = try await call.contractDocuments.versions(try call.id(ContractID.self), by: try call.principal())
        return try call.json(BillingItems(items: versions))
    }

    @Sendable static func send(_ call: APICall) async throws -> Response {
        try call.json(try await call.contractSigning.send(try call.id(ContractID.self), by: try call.principal()))
    }

    @Sendable static func signatures(_ call: APICall) async throws -> Response {
        let signatures = try await call.contractSigning.signatures(try call.id(ContractID.self), by: try call.principal())
        return try call.json(BillingItems(items: signatures))
    }

    /// The client's signature: `{"full_name", "accept": true, "document_sha256"}`.
    @Sendable static func sign(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let body = try await call.body(ContractSignatureInput.self)
        return try call.created(try await call.contractSigning.sign(id, body, by: try call.principal()))
    }

    @Sendable static func countersign(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let body = try await call.body(ContractCountersignatureInput.self)
        return try call.created(try await call.contractSigning.countersign(id, body, by: try call.principal()))
    }

    /// The contract as a document (`application/pdf` with the `pdf` plugin; `503` without a renderer).
    @Sendable static func pdf(_ call: APICall) async throws -> Response {
        try await call.contractPDF.render(try call.id(ContractID.self), by: try call.principal()).response
    }

    /// A new draft with the same company, title, type and latest text.
    @Sendable static func copy(_ call: APICall) async throws -> Response {
        try call.created(try await call.contractDocuments.copy(try call.id(ContractID.self), by: try call.principal()))
    }
}

extension APICall {
    fileprivate var contractDocuments: ContractDocuments { assembled.portal.engagements.contractDocuments }
    fileprivate var contractSigning: ContractSigning { assembled.portal.engagements.contractSigning }
    fileprivate var contractPDF: ContractPDF { assembled.portal.engagements.contractPDF }
}

extension ListQuery {
    /// `version=N`, a document version from 1; `nil` when absent.
    fileprivate func version() throws -> Int? {
        guard let text = self["version"] else { return nil }
        guard let version = Int(text), version >= 1 else {
            throw PortalError.invalid("version must be a whole number from 1.", field: "version")
        }
        return version
    }
}

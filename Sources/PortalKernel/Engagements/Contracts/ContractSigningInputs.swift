/// A client's signature, as the signing page sends it after showing the whole document.
///
/// ```json
/// {"full_name": "Ana Dlamini", "accept": true, "document_sha256": "9f86d08…"}
/// ```
public struct ContractSignatureInput: Sendable, Hashable, Codable {
    /// The signer's full name, typed by them (trimmed; required).
    public var fullName: String?
    /// The signer accepts the document's terms; must be `true`.
    public var accept: Bool?
    /// The hash of the text the signer was shown (``ContractDocument/sha256``); it must be the
    /// contract's frozen hash, so a changed document cannot be signed.
    public var documentSha256: String?

    public init(fullName: String?, accept: Bool?, documentSha256: String?) {
        self.fullName = fullName
        self.accept = accept
        self.documentSha256 = documentSha256
    }
}

/// Staff's countersignature.
public struct ContractCountersignatureInput: Sendable, Hashable, Codable {
    /// The countersigner's full name (trimmed; required).
    public var fullName: String?

    public init(fullName: String?) {
        self.fullName = fullName
    }
}

/// A new text for a draft contract's document.
public struct ContractDocumentInput: Sendable, Hashable, Codable {
    /// The whole text (required; not blank; at most ``ContractDocument/maximumBodyBytes``).
    public var body: String?

    public init(body: String?) {
        self.body = body
    }
}

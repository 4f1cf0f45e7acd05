/// Sending a contract and signing it electronically.
///
/// 1. Staff ``send(_:by:)`` a draft that has text: its latest version is frozen, with the
///    SHA-256 of its UTF-8 text, and the contract becomes `sent`.
/// 2. The company's users read the whole text (``ContractDocuments/document(_:version:by:)``),
///    and a user allowed to sign (`can_sign_contracts`) signs as the last step
///    (``sign(_:_:by:)``): they type their full name, accept, and send back the hash of the text
///    they were shown. The kernel records the name, the user, the time, the client address,
///    the user agent and the hash; the contract becomes `signed` and its company's current
///    contract. A hash that is not the frozen one is refused, so a changed document cannot be
///    signed.
/// 3. Staff may ``countersign(_:_:by:)``.
///
/// Every step is audited, and sending and signing record notification events
/// (`contract_sent`, `contract_signed`), in the same transaction.
///
/// ```swift
/// let signing = portal.engagements.contractSigning
/// let sent = try await signing.send(contract.id, by: staff)
/// let signature = try await signing.sign(
///     contract.id, ContractSignatureInput(fullName: "Ana Dlamini", accept: true, documentSha256: sent.documentSha256),
///     by: client)
/// ```
public struct ContractSigning: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Sends a draft: freezes the latest version of its document, records its SHA-256 and when,
    /// and moves the contract to `sent`. Staff only.
    ///
    /// - Throws: `conflict` with field `status` unless the contract is a draft, or with field
    ///   `body` when it has no text yet.
    public func send(_ id: ContractID, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Contracts.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard before.status == .draft else {
                throw PortalError.conflict("Only a draft can be sent; this contract is \(before.status.rawValue).", field: "status")
            }
            guard before.documentVersion > 0 else {
                throw PortalError.conflict("Write the contract's document before sending it.", field: "body")
            }
            let document = try ContractDocument.current(of: before, on: connection)
            var after = before
            after.status = .sent
            after.documentSha256 = ContractDocument.sha256(of: document.body)
            after.sentAt = now
            after.updatedAt = now
            try Contracts.update(after, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract.sent", resourceType: "contract", resourceId: id.uuidString, companyId: after.companyId,
                    before: before, after: after),
                by: principal, at: now, on: connection)
            try ContractNotifications.sent(after, at: now, on: connection)
            return after
        }
    }

    /// Records the client's signature on a sent contract and moves it to `signed`; the contract
    /// becomes its company's current contract. Only a company user allowed to sign contracts
    /// for the contract's company signs (staff countersign instead).
    ///
    /// - Throws: `not_found` for a contract the principal may not see (another company's or
    ///   tenant's, or a draft); `forbidden` for a user without `can_sign_contracts` and for
    ///   staff; `invalid` with field `full_name`, `accept` (not `true`) or `document_sha256`
    ///   (absent); `conflict` with field `status` unless the contract is `sent`, or with field
    ///   `document_sha256` when the hash is not the frozen one (nothing is written).
    public func sign(_ id: ContractID, _ input: ContractSignatureInput, by principal: Principal) async throws -> ContractSignature {
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Contracts.loadVisible(id, by: principal, action: .signContracts, on: connection, forUpdate: true)
            guard !principal.isStaff, let userId = principal.userId else {
                throw PortalError.forbidden("Staff countersign; the client's signature is made by one of its users allowed to sign.")
            }
            let fullName = try InputValidation.required(input.fullName, field: "full_name")
            guard input.accept == true else {
                throw PortalError.invalid("Accept the contract to sign it.", field: "accept")
            }
            guard let shown = input.documentSha256?.trimmingWhitespace().lowercased(), !shown.isEmpty else {
                throw PortalError.invalid("document_sha256 is required: the hash of the text you were shown.", field: "document_sha256")
            }
            guard before.status == .sent else {
                throw PortalError.conflict("Only a sent contract can be signed; this one is \(before.status.rawValue).", field: "status")
            }
            let document = try ContractDocument.current(of: before, on: connection)
            guard let frozen = before.documentSha256, shown == frozen, ContractDocument.sha256(of: document.body) == frozen else {
                throw PortalError.conflict(
                    "The document differs from the one sent for signing; read it again before signing.", field: "document_sha256")
            }
            let signature = ContractSignature(
                id: ContractSignatureID.generate(at: now), tenantId: before.tenantId, contractId: before.id,
                documentId: document.id, party: .client, userId: userId, signerLabel: principal.label, fullName: fullName,
                email: principal.signerEmail, documentSha256: frozen, clientAddress: principal.origin.address,
                userAgent: principal.origin.userAgent, signedAt: now)
            try ContractSignature.insert(signature, on: connection)
            var after = before
            after.status = .signed
            after.signedAt = now
            after.updatedAt = now
            try Contracts.update(after, on: connection)
            try Self.audit("contract.signed", before: before, after: after, signature: signature, by: principal, at: now, on: connection)
            try CurrentContract.adopt(after, by: principal, at: now, on: connection)
            try ContractNotifications.signed(after, signature, at: now, on: connection)
            return signature
        }
    }

    /// Records staff's countersignature on a signed or active contract. Staff only, once.
    ///
    /// - Throws: `invalid` with field `full_name`; `conflict` with field `status` unless the
    ///   contract is `signed` or `active`, or with field `countersigned_at` when it already is.
    public func countersign(
        _ id: ContractID, _ input: ContractCountersignatureInput, by principal: Principal
    ) async throws -> ContractSignature {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let fullName = try InputValidation.required(input.fullName, field: "full_name")
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Contracts.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard before.status == .signed || before.status == .active else {
                throw PortalError.conflict(
                    "Only a signed or active contract can be countersigned; this one is \(before.status.rawValue).", field: "status")
            }
            guard before.countersignedAt == nil, try !ContractSignature.exists(.provider, on: before, on: connection) else {
                throw PortalError.conflict("This contract has already been countersigned.", field: "countersigned_at")
            }
            let document = try ContractDocument.current(of: before, on: connection)
            let signature = ContractSignature(
                id: ContractSignatureID.generate(at: now), tenantId: before.tenantId, contractId: before.id,
                documentId: document.id, party: .provider, userId: principal.userId, signerLabel: principal.label,
                fullName: fullName, email: principal.signerEmail, documentSha256: before.documentSha256 ?? document.sha256,
                clientAddress: principal.origin.address, userAgent: principal.origin.userAgent, signedAt: now)
            try ContractSignature.insert(signature, on: connection)
            var after = before
            after.countersignedAt = now
            after.updatedAt = now
            try Contracts.update(after, on: connection)
            try Self.audit(
                "contract.countersigned", before: before, after: after, signature: signature, by: principal, at: now, on: connection)
            try ContractNotifications.countersigned(after, signature, at: now, on: connection)
            return signature
        }
    }

    /// The contract's signatures in the order they were made, for anyone who may read it.
    public func signatures(_ id: ContractID, by principal: Principal) async throws -> [ContractSignature] {
        try await context.database.read(principal.scope) { connection in
            try ContractSignature.all(of: try Contracts.loadVisible(id, by: principal, on: connection), on: connection)
        }
    }

    /// Audits a signing: the contract's changed fields and the signature (who, from where, what).
    private static func audit(
        _ action: String, before: Contract, after: Contract, signature: ContractSignature, by principal: Principal,
        at now: Instant, on connection: any SQLConnection
    ) throws {
        var entry = try AuditEntry(
            action: action, resourceType: "contract", resourceId: after.id.uuidString, companyId: after.companyId,
            before: before, after: after)
        var recorded: [String: JSONValue] = [
            "id": .string(signature.id.uuidString), "party": .string(signature.party.rawValue),
            "full_name": .string(signature.fullName), "document_sha256": .string(signature.documentSha256),
        ]
        recorded["user_agent"] = signature.userAgent.map(JSONValue.string)
        entry.changes["signature"] = AuditChange(before: nil, after: .object(recorded))
        try AuditTrail.record(entry, by: principal, at: now, on: connection)
    }
}

extension Principal {
    /// The signed-in user's email; `nil` for operators and the system.
    fileprivate var signerEmail: String? {
        if case .user(_, _, let email, _) = actor { return email }
        return nil
    }
}

// Reading and writing `contract_signatures` rows. Column names match `PortalSchema+Engagements.swift`.

extension ContractSignature {
    /// The contract's signatures in the order they were made.
    static func all(of contract: Contract, on connection: any SQLConnection) throws -> [ContractSignature] {
        try connection.query(
            """
            SELECT * FROM contract_signatures WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id)
            ORDER BY signed_at, party
            """
        ).map(ContractSignature.init(row:))
    }

    /// Whether `party` has signed the contract.
    static func exists(_ party: ContractSignatureParty, on contract: Contract, on connection: any SQLConnection) throws -> Bool {
        try connection.queryFirst(
            """
            SELECT id FROM contract_signatures
            WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id) AND party = \(party.rawValue)
            """) != nil
    }

    /// Stores the signature. A second signature of the same party is refused by the table's
    /// unique key (`conflict`), so two concurrent signings record one.
    static func insert(_ signature: ContractSignature, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO contract_signatures (id, tenant_id, contract_id, document_id, party, user_id, signer_label, full_name,
                email, document_sha256, client_address, user_agent, signed_at)
            VALUES (\(signature.id), \(signature.tenantId), \(signature.contractId), \(signature.documentId),
                \(signature.party.rawValue), \(signature.userId), \(signature.signerLabel), \(signature.fullName),
                \(signature.email), \(signature.documentSha256), \(signature.clientAddress), \(signature.userAgent),
                \(signature.signedAt))
            """)
    }
}

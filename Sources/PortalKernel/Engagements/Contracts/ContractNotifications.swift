/// The notification events of sending and signing, recorded in the transaction that makes the
/// change (see ``NotificationEvents``); delivery (in-app, email) reads them later.
///
/// - `contract_sent`, once per contract (dedupe key `contract_sent:<id>`), addressed to the
///   company's active users allowed to sign contracts.
/// - `contract_signed`, once per signing and audience: one event for the signer
///   (`contract_signed:<id>:signer`) and one for the tenant's staff (`contract_signed:<id>:staff`),
///   so each audience's delivery is tracked on its own. A contract is signed once, so these keys
///   are never reused.
/// - `contract_countersigned`, once per contract (`contract_countersigned:<id>`), addressed to the
///   company's active users allowed to sign contracts: the agreement is complete on both sides.
enum ContractNotifications {
    /// Who an event is for.
    struct Recipient: Encodable {
        /// `signer`, `signers` or `staff`.
        let audience: String
        let userId: UserID?
        let email: String?
        let name: String?
    }

    struct Sent: Encodable {
        let contractId: ContractID
        let title: String
        let documentVersion: Int
        let documentSha256: String?
        let recipients: [Recipient]
    }

    struct Signed: Encodable {
        let contractId: ContractID
        let title: String
        let signatureId: ContractSignatureID
        let signerName: String
        let signedAt: Instant
        let documentSha256: String
        let recipient: Recipient
    }

    struct Countersigned: Encodable {
        let contractId: ContractID
        let title: String
        let signerName: String
        let countersignedAt: Instant
        let documentSha256: String
        let recipients: [Recipient]
    }

    static func countersigned(
        _ contract: Contract, _ signature: ContractSignature, at now: Instant, on connection: any SQLConnection
    ) throws {
        try NotificationEvents.record(
            kind: "contract_countersigned", tenant: contract.tenantId, companyId: contract.companyId,
            subjectType: "contract", subjectId: contract.id.uuidString,
            payload: Countersigned(
                contractId: contract.id, title: contract.title, signerName: signature.fullName, countersignedAt: now,
                documentSha256: signature.documentSha256, recipients: try signers(of: contract, on: connection)),
            dedupeKey: "contract_countersigned:\(contract.id.uuidString)", at: now, on: connection)
    }

    /// The company's active users allowed to sign contracts.
    private static func signers(of contract: Contract, on connection: any SQLConnection) throws -> [Recipient] {
        try connection.query(
            """
            SELECT u.id, u.email, u.name FROM company_memberships m JOIN users u ON u.id = m.user_id
            WHERE m.tenant_id = \(contract.tenantId) AND u.tenant_id = \(contract.tenantId)
                AND m.company_id = \(contract.companyId) AND m.can_sign_contracts = \(true) AND u.status = 'active'
            ORDER BY u.email
            """
        ).map { row in
            Recipient(audience: "signers", userId: try row.get("id"), email: try row.get("email"), name: try row.get("name"))
        }
    }

    static func sent(_ contract: Contract, at now: Instant, on connection: any SQLConnection) throws {
        let signers = try signers(of: contract, on: connection)
        try NotificationEvents.record(
            kind: "contract_sent", tenant: contract.tenantId, companyId: contract.companyId, subjectType: "contract",
            subjectId: contract.id.uuidString,
            payload: Sent(
                contractId: contract.id, title: contract.title, documentVersion: contract.documentVersion,
                documentSha256: contract.documentSha256, recipients: signers),
            dedupeKey: "contract_sent:\(contract.id.uuidString)", at: now, on: connection)
    }

    static func signed(
        _ contract: Contract, _ signature: ContractSignature, at now: Instant, on connection: any SQLConnection
    ) throws {
        let audiences = [
            Recipient(audience: "signer", userId: signature.userId, email: signature.email, name: signature.fullName),
            Recipient(audience: "staff", userId: nil, email: nil, name: nil),
        ]
        for recipient in audiences {
            try NotificationEvents.record(
                kind: "contract_signed", tenant: contract.tenantId, companyId: contract.companyId, subjectType: "contract",
                subjectId: contract.id.uuidString,
                payload: Signed(
                    contractId: contract.id, title: contract.title, signatureId: signature.id, signerName: signature.fullName,
                    signedAt: signature.signedAt, documentSha256: signature.documentSha256, recipient: recipient),
                dedupeKey: "contract_signed:\(contract.id.uuidString):\(recipient.audience)", at: now, on: connection)
        }
    }
}

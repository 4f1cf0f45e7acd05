/// Debit orders: collecting from many bank accounts in one submitted batch, and registering
/// the mandates that authorise it (NetCash NIWS `BatchFileUpload` and load reports).
///
/// A gateway adopts this protocol in addition to ``PaymentGateway`` and lists
/// ``PaymentGatewayOperation/debitOrderBatches`` in its capabilities. Batches are asynchronous:
/// submitting returns the provider's batch reference; the outcome (load report, then paid and
/// unpaid items) is fetched later, repeatedly, until it is final.
///
/// ## Implementation requirements
/// - Build the provider's batch format from the ``PaymentGatewayDebitBatch`` alone; convert
///   amounts exactly (NetCash batch files use integer cents) and strip characters the format
///   reserves (tabs and line breaks) from every value.
/// - Use ``PaymentGatewayDebitBatch/idempotencyKey`` as or in the provider's batch name so a
///   resubmission can be recognised.
/// - A batch the provider refuses as a whole (bad service key, malformed file) throws
///   ``PortalError`` (`unavailable` for credentials, `invalid` for content); per-item problems
///   are reported in the outcome, not thrown.
/// - ``debitBatchOutcome(_:account:)`` returns ``PaymentGatewayDebitOutcome/State/notReady``
///   while the provider is still working ("FILE NOT READY"); it never blocks waiting.
///
/// ```swift
/// extension NetcashGateway: PaymentGatewayDebitOrders {
///     func submitDebitBatch(_ batch: PaymentGatewayDebitBatch, account: ProviderAccount) async throws -> PaymentGatewayDebitSubmission {
///         let token = try await niws.batchFileUpload(file: BatchFile(batch).text, serviceKey: try account.secret("debit_order_key"))
///         return PaymentGatewayDebitSubmission(batchID: batch.batchID, batchReference: token)
///     }
///     func debitBatchOutcome(_ submission: PaymentGatewayDebitSubmission, account: ProviderAccount) async throws -> PaymentGatewayDebitOutcome {
///         try LoadReport(parsing: await niws.requestFileUploadReport(token: submission.batchReference)).outcome
///     }
/// }
/// ```
public protocol PaymentGatewayDebitOrders: PaymentGateway {
    /// Submits a batch of debit instructions or mandates and returns the provider's reference.
    func submitDebitBatch(_ batch: PaymentGatewayDebitBatch, account: ProviderAccount) async throws
        -> PaymentGatewayDebitSubmission

    /// Fetches what has become of a submitted batch so far.
    func debitBatchOutcome(_ submission: PaymentGatewayDebitSubmission, account: ProviderAccount) async throws
        -> PaymentGatewayDebitOutcome
}

/// The provider's acknowledgement of a submitted batch.
public struct PaymentGatewayDebitSubmission: Sendable, Hashable, Codable {
    /// The kernel's batch id.
    public var batchID: String
    /// The provider's reference for fetching the outcome (the NIWS file token).
    public var batchReference: String
    /// When the provider accepted the upload.
    public var submittedAt: Instant?

    public init(batchID: String, batchReference: String, submittedAt: Instant? = nil) {
        self.batchID = batchID
        self.batchReference = batchReference
        self.submittedAt = submittedAt
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case batchID = "batchId", batchReference, submittedAt
    }
}

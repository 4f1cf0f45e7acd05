/// Runs jobs of one kind.
///
/// ```swift
/// struct SendInvoiceEmail: JobHandler {
///     let kind = "invoice.email"
///     func run(_ job: Job, context: JobContext) async throws {
///         let input: InvoiceEmail = try job.decodePayload()
///         try await mailer.send(…, idempotencyKey: job.id.uuidString)
///     }
/// }
/// ```
///
/// ## Implementation requirements
/// - Be idempotent: a job may run more than once (a worker can crash after the work but before
///   recording success). Pass the job id as the idempotency key to outside services.
/// - Throw to fail the attempt; it is retried with backoff until its attempts run out. Throw
///   ``PermanentJobFailure`` when retrying cannot help (the input is invalid).
/// - Finish well within the lease (5 minutes by default), or split the work into several jobs.
public protocol JobHandler: Sendable {
    /// The job kind this handler runs.
    var kind: String { get }
    /// Runs one attempt of `job`.
    func run(_ job: Job, context: JobContext) async throws
}

/// What a handler gets besides the job.
public struct JobContext: Sendable {
    /// The worker running the job (for logs).
    public let workerID: String
    public init(workerID: String) { self.workerID = workerID }
}

/// Thrown by a handler when retrying cannot help: the job goes straight to ``JobStatus/dead``.
public struct PermanentJobFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A handler written as a closure.
public struct ClosureJobHandler: JobHandler {
    public let kind: String
    private let body: @Sendable (Job, JobContext) async throws -> Void

    public init(kind: String, _ body: @escaping @Sendable (Job, JobContext) async throws -> Void) {
        self.kind = kind
        self.body = body
    }

    public func run(_ job: Job, context: JobContext) async throws { try await body(job, context) }
}

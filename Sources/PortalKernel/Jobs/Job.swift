/// Marks identifiers of background jobs.
public enum JobTag: IdentifierTag {
    public static let entityName = "job"
}

/// Identifies a job in the durable queue.
public typealias JobID = Identifier<JobTag>

/// Where a job is in its life.
public enum JobStatus: String, Sendable, Hashable, Codable, CaseIterable, SQLEncodable, SQLDecodable {
    /// Waiting for its `runAt` time and a free worker.
    case queued
    /// Claimed by a worker whose lease has not expired.
    case running
    /// Finished without error.
    case succeeded
    /// Failed on its last allowed attempt; waits for an operator to retry it.
    case dead

    public var sqlValue: SQLValue { .text(rawValue) }

    public init(sqlValue: SQLValue) throws {
        guard case .text(let text) = sqlValue, let status = JobStatus(rawValue: text) else {
            throw SQLDecodingError(expected: "job status", found: sqlValue)
        }
        self = status
    }
}

/// A job to enqueue.
///
/// ```swift
/// let job = try NewJob(kind: "email.send", payload: SendEmail(messageID: id), tenantID: tenant)
/// try queue.enqueue(job, on: connection)   // inside the transaction that made the change
/// ```
public struct NewJob: Sendable, Hashable {
    /// Selects the ``JobHandler`` that runs it (`"email.send"`, `"billing.run"`).
    public var kind: String
    /// The handler's input, as JSON text.
    public var payload: String
    /// The tenant the work belongs to, if any.
    public var tenantID: TenantID?
    /// Not before this instant; `nil` means now.
    public var runAt: Instant?
    /// Attempts before the job is dead; `nil` uses the queue's default.
    public var maxAttempts: Int?
    /// At most one job per (kind, key) ever exists: enqueueing a duplicate is a no-op.
    /// Use it to make "enqueue once per period" idempotent.
    public var dedupeKey: String?

    public init(
        kind: String, payload: String, tenantID: TenantID? = nil, runAt: Instant? = nil, maxAttempts: Int? = nil,
        dedupeKey: String? = nil
    ) {
        self.kind = kind
        self.payload = payload
        self.tenantID = tenantID
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.dedupeKey = dedupeKey
    }

    /// A job whose payload is `payload` encoded as JSON.
    public init<Payload: Encodable>(
        kind: String, payload: Payload, tenantID: TenantID? = nil, runAt: Instant? = nil, maxAttempts: Int? = nil,
        dedupeKey: String? = nil
    ) throws {
        self.init(
            kind: kind, payload: try JSONCoding.encodeToString(payload), tenantID: tenantID, runAt: runAt,
            maxAttempts: maxAttempts, dedupeKey: dedupeKey)
    }
}

/// A job as stored.
public struct Job: Sendable, Hashable, Codable, Identifiable {
    public let id: JobID
    /// Selects the handler.
    public let kind: String
    /// The tenant the work belongs to, if any.
    public let tenantID: TenantID?
    /// The handler's input, as JSON text.
    public let payload: String
    public let status: JobStatus
    /// Attempts started so far (a claim counts as an attempt, so a crash mid-run is counted).
    public let attempts: Int
    /// Attempts allowed before the job is dead.
    public let maxAttempts: Int
    /// Not before this instant (the next retry, for a job that failed).
    public let runAt: Instant
    /// The worker holding the job, while running.
    public let lockedBy: String?
    /// When the holder's lease ends and another worker may take the job.
    public let lockedUntil: Instant?
    /// Why the last attempt failed, with operator detail.
    public let lastError: String?
    /// Makes the job unique per kind (see ``NewJob/dedupeKey``).
    public let dedupeKey: String?
    public let createdAt: Instant
    public let updatedAt: Instant
    /// When the job succeeded or died.
    public let finishedAt: Instant?

    /// Decodes the JSON payload. A payload that does not decode can never succeed, so the
    /// error is a ``PermanentJobFailure`` and the job goes straight to ``JobStatus/dead``.
    public func decodePayload<Payload: Decodable>(as type: Payload.Type = Payload.self) throws -> Payload {
        do {
            return try JSONCoding.decode(Payload.self, from: payload, field: "payload")
        } catch let error as PortalError {
            throw PermanentJobFailure("The payload of this \(kind) job is unusable: \(error.description)")
        }
    }

    static let columns =
        "id, kind, tenant_id, payload, status, attempts, max_attempts, run_at, locked_by, locked_until, last_error, dedupe_key, created_at, updated_at, finished_at"

    init(row: SQLRow) throws {
        id = try row.get("id")
        kind = try row.get("kind")
        tenantID = try row.get("tenant_id")
        payload = try row.get("payload")
        status = try row.get("status")
        attempts = try row.get("attempts")
        maxAttempts = try row.get("max_attempts")
        runAt = try row.get("run_at")
        lockedBy = try row.get("locked_by")
        lockedUntil = try row.get("locked_until")
        lastError = try row.get("last_error")
        dedupeKey = try row.get("dedupe_key")
        createdAt = try row.get("created_at")
        updatedAt = try row.get("updated_at")
        finishedAt = try row.get("finished_at")
    }
}

/// The durable job queue, stored in the application database.
///
/// A job is enqueued in the same transaction as the change that causes it, so the change and
/// its follow-up work are committed together or not at all. Workers claim due jobs with a lease
/// (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so many workers in many processes never take the same
/// job), run them outside any transaction, and report the outcome. A claim whose lease expires
/// (the worker crashed) makes the job claimable again. A failed attempt is retried after a
/// ``RetryPolicy`` delay; the last allowed failure moves the job to ``JobStatus/dead``, where an
/// operator can list it and ``retry(_:)`` it.
public struct JobQueue: Sendable {
    public let database: any Database
    public let clock: any WallClock
    public let retryPolicy: RetryPolicy
    /// Attempts for jobs that do not say.
    public let defaultMaxAttempts: Int
    private let randomUnit: @Sendable () -> Double

    public init(
        database: any Database,
        clock: any WallClock,
        retryPolicy: RetryPolicy = RetryPolicy(),
        defaultMaxAttempts: Int = 8,
        randomUnit: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.database = database
        self.clock = clock
        self.retryPolicy = retryPolicy
        self.defaultMaxAttempts = defaultMaxAttempts
        self.randomUnit = randomUnit
    }

    /// Enqueues `job` on `connection`, inside the caller's transaction. Returns the new job's id,
    /// or `nil` when a job with the same kind and dedupe key already exists.
    @discardableResult
    public func enqueue(_ job: NewJob, on connection: any SQLConnection) throws -> JobID? {
        guard !job.kind.isEmpty, job.kind.utf8.count <= 100 else {
            throw PortalError.invalid("A job kind is 1 to 100 characters.", field: "kind")
        }
        let maxAttempts = job.maxAttempts ?? defaultMaxAttempts
        guard maxAttempts > 0 else { throw PortalError.invalid("max_attempts must be positive.", field: "max_attempts") }
        let now = clock.now()
        let id = JobID.generate(at: now)
        let changed = try connection.execute(
            """
            INSERT INTO jobs (id, kind, tenant_id, payload, status, attempts, max_attempts, run_at, dedupe_key, created_at, updated_at)
            VALUES (\(id), \(job.kind), \(job.tenantID), \(job.payload), \(JobStatus.queued), 0, \(maxAttempts),
                    \(job.runAt ?? now), \(job.dedupeKey), \(now), \(now))
            ON CONFLICT (kind, dedupe_key) DO NOTHING
            """)
        return changed == 1 ? id : nil
    }

    /// Enqueues `job` in a transaction of its own.
    @discardableResult
    public func enqueue(_ job: NewJob) async throws -> JobID? {
        try await database.write { connection in try enqueue(job, on: connection) }
    }

    /// Claims up to `limit` due jobs of the given kinds for `workerID`, leasing them for `lease`.
    /// Also buries jobs whose lease expired on their last allowed attempt.
    public func claim(kinds: [String], workerID: String, limit: Int, lease: Duration) async throws -> [Job] {
        guard !kinds.isEmpty, limit > 0 else { return [] }
        let now = clock.now()
        let lockingClause = database.dialect.claimLockingClause
        return try await database.write { connection in
            try connection.execute(
                """
                UPDATE jobs SET status = \(JobStatus.dead), finished_at = \(now), updated_at = \(now),
                    locked_by = NULL, locked_until = NULL,
                    last_error = 'The worker stopped during the last allowed attempt (lease expired).'
                WHERE status = \(JobStatus.running) AND locked_until < \(now) AND attempts >= max_attempts
                """)
            let claimed = try connection.query(
                """
                UPDATE jobs SET status = \(JobStatus.running), attempts = attempts + 1, locked_by = \(workerID),
                    locked_until = \(now + lease), updated_at = \(now)
                WHERE id IN (
                    SELECT id FROM jobs
                    WHERE kind IN (\(list: kinds)) AND (
                        (status = \(JobStatus.queued) AND run_at <= \(now))
                        OR (status = \(JobStatus.running) AND locked_until < \(now) AND attempts < max_attempts))
                    ORDER BY run_at, id
                    LIMIT \(limit)\(raw: lockingClause))
                RETURNING \(raw: Job.columns)
                """)
            return try claimed.map(Job.init(row:)).sorted { ($0.runAt, $0.id) < ($1.runAt, $1.id) }
        }
    }

    /// Records that `job` (as claimed) succeeded. Returns `false` when the claim was lost
    /// (the lease expired and another worker took the job), in which case nothing changes.
    @discardableResult
    public func complete(_ job: Job) async throws -> Bool {
        let now = clock.now()
        return try await database.write { connection in
            try connection.execute(
                """
                UPDATE jobs SET status = \(JobStatus.succeeded), finished_at = \(now), updated_at = \(now),
                    locked_by = NULL, locked_until = NULL
                WHERE id = \(job.id) AND status = \(JobStatus.running) AND locked_by = \(job.lockedBy)
                    AND attempts = \(job.attempts)
                """) == 1
        }
    }

    /// Records that an attempt of `job` failed with `message`: schedules a retry, or buries the
    /// job when it was the last allowed attempt (or `permanent` is set). Returns the new status,
    /// or `nil` when the claim was lost.
    @discardableResult
    public func fail(_ job: Job, message: String, permanent: Bool = false) async throws -> JobStatus? {
        let now = clock.now()
        let isLast = permanent || job.attempts >= job.maxAttempts
        let status: JobStatus = isLast ? .dead : .queued
        let retryAt = now + retryPolicy.delay(afterAttempt: job.attempts, unit: randomUnit())
        let trimmed = String(message.prefix(2000))
        let nextRunAt = isLast ? job.runAt : retryAt
        let finishedAt: Instant? = isLast ? now : nil
        let changed = try await database.write { connection in
            try connection.execute(
                """
                UPDATE jobs SET status = \(status), last_error = \(trimmed), updated_at = \(now),
                    run_at = \(nextRunAt), finished_at = \(finishedAt),
                    locked_by = NULL, locked_until = NULL
                WHERE id = \(job.id) AND status = \(JobStatus.running) AND locked_by = \(job.lockedBy)
                    AND attempts = \(job.attempts)
                """)
        }
        return changed == 1 ? status : nil
    }

    /// Gives back a claim whose attempt was interrupted before it could finish (a shutdown): the
    /// job is due again at once and the attempt is not counted. Returns `false` when the claim
    /// was already lost.
    @discardableResult
    public func release(_ job: Job) async throws -> Bool {
        let now = clock.now()
        return try await database.write { connection in
            try connection.execute(
                """
                UPDATE jobs SET status = \(JobStatus.queued), attempts = attempts - 1, run_at = \(now), updated_at = \(now),
                    locked_by = NULL, locked_until = NULL
                WHERE id = \(job.id) AND status = \(JobStatus.running) AND locked_by = \(job.lockedBy)
                    AND attempts = \(job.attempts)
                """) == 1
        }
    }

    /// Puts a dead job back in the queue, due now, with its attempts reset.
    /// Throws `not_found` when there is no dead job with that id.
    public func retry(_ id: JobID) async throws -> Job {
        let now = clock.now()
        return try await database.write { connection in
            guard
                let row = try connection.queryFirst(
                    """
                    UPDATE jobs SET status = \(JobStatus.queued), attempts = 0, run_at = \(now), updated_at = \(now),
                        finished_at = NULL
                    WHERE id = \(id) AND status = \(JobStatus.dead)
                    RETURNING \(raw: Job.columns)
                    """)
            else {
                throw PortalError.notFound("No dead job has id \(id).", field: "id")
            }
            return try Job(row: row)
        }
    }

    /// Jobs matching the filter, oldest first, for operators.
    public func list(_ filter: JobFilter = JobFilter()) async throws -> [Job] {
        try await database.read { connection in
            var statement: SQLStatement = "SELECT \(raw: Job.columns) FROM jobs WHERE 1 = 1"
            if let status = filter.status { statement.append(" AND status = \(status)") }
            if let kind = filter.kind { statement.append(" AND kind = \(kind)") }
            if let after = filter.after { statement.append(" AND id > \(after)") }
            statement.append(" ORDER BY id LIMIT \(filter.limit)")
            return try connection.query(statement).map(Job.init(row:))
        }
    }

    /// One job by id.
    public func job(_ id: JobID) async throws -> Job {
        try await database.read { connection in
            guard let row = try connection.queryFirst("SELECT \(raw: Job.columns) FROM jobs WHERE id = \(id)") else {
                throw PortalError.notFound("No job has id \(id).", field: "id")
            }
            return try Job(row: row)
        }
    }

    /// How many jobs are in each status.
    public func counts() async throws -> [JobStatus: Int] {
        try await database.read { connection in
            var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
            for row in try connection.query("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status") {
                counts[try row.get("status", as: JobStatus.self)] = try row.get("n")
            }
            return counts
        }
    }

    /// Deletes succeeded jobs that finished before `cutoff`; returns how many.
    @discardableResult
    public func purgeSucceeded(finishedBefore cutoff: Instant) async throws -> Int {
        try await database.write { connection in
            try connection.execute(
                "DELETE FROM jobs WHERE status = \(JobStatus.succeeded) AND finished_at < \(cutoff)")
        }
    }
}

/// Which jobs ``JobQueue/list(_:)`` returns.
public struct JobFilter: Sendable, Hashable {
    /// Only jobs in this state.
    public var status: JobStatus?
    /// Only jobs of this kind.
    public var kind: String?
    /// Only jobs whose id sorts after this one (keyset paging).
    public var after: JobID?
    /// At most this many jobs (1…1000).
    public var limit: Int

    public init(status: JobStatus? = nil, kind: String? = nil, after: JobID? = nil, limit: Int = 100) {
        self.status = status
        self.kind = kind
        self.after = after
        self.limit = max(1, min(limit, 1000))
    }
}

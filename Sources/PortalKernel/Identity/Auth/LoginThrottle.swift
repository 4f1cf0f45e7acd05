/// Counts failed attempts per key in `login_throttles` and refuses attempts once a key has
/// used up its allowance for the current window.
///
/// A key names what is counted: `account:<tenant-id>:<email-key>` (one person's sign-ins),
/// `address:<ip>` (one client's), and the like. Each key has a window that starts at its first
/// failure and lasts ``window``; after `limit` failures inside it the key is locked until the
/// window ends, also for attempts that would have succeeded. The next failure after the window
/// starts a new one.
///
/// ```swift
/// let throttle = LoginThrottle(window: settings.throttleWindow)
/// let limits = [LoginThrottle.Limit(key: "address:192.0.2.1", maximum: 30)]
/// try throttle.check(limits, at: now, on: connection)              // before checking the password
/// try throttle.recordFailure(limits, at: now, on: connection)      // in a transaction that commits
/// ```
///
/// The table has no row-level security: keys never hold anything a tenant owns, only ids and
/// the normalised email typed.
struct LoginThrottle: Sendable {
    /// How long failures are counted, and how long a lock lasts at most.
    let window: Duration

    /// A key and how many failures it may have per window.
    struct Limit: Sendable, Hashable {
        var key: String
        var maximum: Int
    }

    /// The key counting one account's failed sign-ins.
    static func accountKey(tenant: TenantID, emailKey: String) -> String {
        "account:\(tenant.uuidString):\(emailKey)"
    }

    /// The key counting one client address's failed sign-ins, when the address is known.
    static func addressKey(_ address: String?) -> String? {
        guard let address, !address.isEmpty else { return nil }
        return "address:\(address)"
    }

    /// Throws `rate_limited`, with the seconds left until the lock ends, when any of `limits`
    /// is used up in its current window.
    func check(
        _ limits: [Limit], at now: Instant, on connection: any SQLConnection,
        message: String = "Too many failed sign-ins. Try again later."
    ) throws {
        if let wait = try lockRemaining(limits, at: now, on: connection) {
            throw Self.refusal(wait, message: message)
        }
    }

    /// How long the longest lock among `limits` still lasts, or `nil` when none is locked.
    func lockRemaining(_ limits: [Limit], at now: Instant, on connection: any SQLConnection) throws -> Duration? {
        guard !limits.isEmpty else { return nil }
        let maxima = Dictionary(limits.map { ($0.key, $0.maximum) }, uniquingKeysWith: min)
        var longest: Duration?
        try connection.forEachRow(
            "SELECT throttle_key, window_started_at, failures FROM login_throttles WHERE throttle_key IN (\(list: Array(maxima.keys)))"
        ) { row in
            let key: String = try row.get("throttle_key")
            let ends = try row.get("window_started_at", as: Instant.self) + window
            guard let maximum = maxima[key], ends > now, try row.get("failures", as: Int.self) >= maximum else { return }
            let remaining = ends - now
            if longest.map({ remaining > $0 }) ?? true { longest = remaining }
        }
        return longest
    }

    /// Counts one failure against each of `limits`, starting a new window where the last one
    /// has ended, and marks a key locked when it reaches its maximum. Atomic per key on both
    /// databases (the increment is a single `UPDATE`).
    func recordFailure(_ limits: [Limit], at now: Instant, on connection: any SQLConnection) throws {
        let windowStartCutoff = now - window
        for limit in limits {
            try connection.execute(
                """
                INSERT INTO login_throttles (throttle_key, window_started_at, failures, locked_until)
                VALUES (\(limit.key), \(now), 0, NULL) ON CONFLICT (throttle_key) DO NOTHING
                """)
            // A window that has ended starts again. (Under PostgreSQL's READ COMMITTED a
            // concurrent reset re-checks this condition against the new row and skips.)
            try connection.execute(
                """
                UPDATE login_throttles SET window_started_at = \(now), failures = 0, locked_until = NULL
                WHERE throttle_key = \(limit.key) AND window_started_at <= \(windowStartCutoff)
                """)
            guard
                let row = try connection.queryFirst(
                    "UPDATE login_throttles SET failures = failures + 1 WHERE throttle_key = \(limit.key) RETURNING window_started_at, failures")
            else { continue }
            if try row.get("failures", as: Int.self) >= limit.maximum {
                let lockedUntil = try row.get("window_started_at", as: Instant.self) + window
                try connection.execute(
                    "UPDATE login_throttles SET locked_until = \(lockedUntil) WHERE throttle_key = \(limit.key)")
            }
        }
    }

    /// Forgets the failures of `key` (a successful sign-in clears its account key).
    func clear(_ key: String, on connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM login_throttles WHERE throttle_key = \(key)")
    }

    /// The error for a locked key; the wait is rounded up to whole seconds.
    static func refusal(_ wait: Duration, message: String) -> PortalError {
        let micros = wait.microseconds
        return PortalError.rateLimited(message, retryAfterSeconds: Int((micros + 999_999) / 1_000_000))
    }
}

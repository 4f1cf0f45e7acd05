import Foundation
import PortalKernel

/// Tracks the operations running on a ``SQLiteDatabase`` so that closing waits for them, and
/// refuses new ones once closing has begun.
final class SQLiteLifecycle: @unchecked Sendable {  // `active`, `closed`, `drained` guarded by `lock`
    private let lock = NSLock()
    private var active = 0
    private var closed = false
    private var drained: [CheckedContinuation<Void, Never>] = []

    /// Registers one operation; throws `unavailable` once the database is closed.
    func enter() throws {
        try lock.withLock {
            guard !closed else { throw PortalError.unavailable("The SQLite database is closed.") }
            active += 1
        }
    }

    /// Ends an operation registered with ``enter()``.
    func leave() {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            active -= 1
            guard active == 0, closed else { return [] }
            defer { drained = [] }
            return drained
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new operations and waits until running ones finish.
    /// - Returns: `true` for the first call, which should then release the resources.
    func close() async -> Bool {
        let first = lock.withLock {
            defer { closed = true }
            return !closed
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if active == 0 {
                lock.unlock()
                continuation.resume()
            } else {
                drained.append(continuation)
                lock.unlock()
            }
        }
        return first
    }
}

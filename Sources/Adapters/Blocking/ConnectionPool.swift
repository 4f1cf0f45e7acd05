import Foundation
import PortalKernel

/// A bounded pool of blocking connections (a `sqlite3*`, a `PGconn*`) used one at a time.
///
/// ``withConnection(_:)`` waits, without blocking a thread, until a connection is free (or
/// opens a new one while under ``maxConnections``), then runs the body on the
/// ``BlockingThreadPool`` with exclusive use of that connection. Connections are opened lazily
/// on the thread pool too, because connecting blocks.
///
/// The pool does not judge connection health: a connection type that can break (a lost
/// PostgreSQL server) repairs itself at the start of its next use, or reports itself broken
/// through `isReusable` so the pool closes it and opens a fresh one next time.
public final class ConnectionPool<Connection>: @unchecked Sendable {  // `state` guarded by `lock`
    private struct Waiter {
        let continuation: CheckedContinuation<Holder?, any Error>
    }

    /// Boxes a connection so it can cross to the thread pool; only one task uses it at a time.
    final class Holder: @unchecked Sendable {
        let connection: Connection
        init(_ connection: Connection) { self.connection = connection }
    }

    private struct State {
        var idle: [Holder] = []
        var openCount = 0
        var waiters: [Waiter] = []
        var closed = false
    }

    private let lock = NSLock()
    private var state = State()
    private let threads: BlockingThreadPool
    private let open: @Sendable () throws -> Connection
    private let closeConnection: @Sendable (Connection) -> Void
    private let isReusable: @Sendable (Connection) -> Bool

    /// The most connections open at once.
    public let maxConnections: Int

    /// - Parameters:
    ///   - maxConnections: the upper bound on open connections.
    ///   - threads: where connection work runs; give it at least `maxConnections` threads.
    ///   - open: opens one connection (blocking).
    ///   - close: closes one connection (blocking).
    ///   - isReusable: asked after each use; `false` closes the connection instead of keeping it.
    public init(
        maxConnections: Int,
        threads: BlockingThreadPool,
        open: @escaping @Sendable () throws -> Connection,
        close: @escaping @Sendable (Connection) -> Void,
        isReusable: @escaping @Sendable (Connection) -> Bool = { _ in true }
    ) {
        precondition(maxConnections > 0, "a pool needs at least one connection")
        self.maxConnections = maxConnections
        self.threads = threads
        self.open = open
        self.closeConnection = close
        self.isReusable = isReusable
    }

    /// Runs `body` with exclusive use of one connection, on the blocking thread pool.
    public func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> Result
    ) async throws -> Result {
        let reserved = try await acquire()
        let open = self.open
        let (holder, result): (Holder?, Swift.Result<Result, any Error>) = try await threads.run {
            let holder: Holder
            if let reserved {
                holder = reserved
            } else {
                do {
                    holder = Holder(try open())
                } catch {
                    return (nil, .failure(error))
                }
            }
            return (holder, Swift.Result { try body(holder.connection) })
        }
        if let holder {
            release(holder)
        } else {
            releaseFailedOpen()
        }
        return try result.get()
    }

    /// Number of connections currently open (idle or in use).
    public var openConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return state.openCount
    }

    /// Closes idle connections and refuses new work; in-use connections close when released.
    public func close() async {
        let (idle, waiters) = lock.withLock {
            state.closed = true
            let taken = (state.idle, state.waiters)
            state.openCount -= state.idle.count
            state.idle = []
            state.waiters = []
            return taken
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PortalError.unavailable("The database connection pool is closed."))
        }
        let closeConnection = self.closeConnection
        if !idle.isEmpty {
            _ = try? await threads.run { for holder in idle { closeConnection(holder.connection) } }
        }
    }

    /// Returns an idle connection, `nil` when the caller may open a new one, or waits.
    private func acquire() async throws -> Holder? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Holder?, any Error>) in
            lock.lock()
            if state.closed {
                lock.unlock()
                continuation.resume(throwing: PortalError.unavailable("The database connection pool is closed."))
            } else if let holder = state.idle.popLast() {
                lock.unlock()
                continuation.resume(returning: holder)
            } else if state.openCount < maxConnections {
                state.openCount += 1
                lock.unlock()
                continuation.resume(returning: nil)
            } else {
                state.waiters.append(Waiter(continuation: continuation))
                lock.unlock()
            }
        }
    }

    private func release(_ holder: Holder) {
        let keep = isReusable(holder.connection)
        lock.lock()
        if keep, !state.closed {
            if !state.waiters.isEmpty {
                let waiter = state.waiters.removeFirst()
                lock.unlock()
                waiter.continuation.resume(returning: holder)
                return
            }
            state.idle.append(holder)
            lock.unlock()
            return
        }
        // Broken, or the pool closed meanwhile: close it and let a waiter open a fresh one.
        state.openCount -= 1
        let waiter = handOpenSlotToWaiter()
        lock.unlock()
        waiter?.continuation.resume(returning: nil)
        let closeConnection = self.closeConnection
        Task { _ = try? await threads.run { closeConnection(holder.connection) } }
    }

    private func releaseFailedOpen() {
        lock.lock()
        state.openCount -= 1
        let waiter = handOpenSlotToWaiter()
        lock.unlock()
        waiter?.continuation.resume(returning: nil)
    }

    /// With the lock held: gives a free opening slot to the first waiter, if any.
    private func handOpenSlotToWaiter() -> Waiter? {
        guard !state.closed, !state.waiters.isEmpty, state.openCount < maxConnections else { return nil }
        state.openCount += 1
        return state.waiters.removeFirst()
    }
}

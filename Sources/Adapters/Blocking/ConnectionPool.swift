import Foundation
import PortalKernel

/// A bounded pool of blocking connections (a `sqlite3*`, a `PGconn*`) used one at a time.
///
/// ``withConnection(_:)`` runs its body on the ``BlockingThreadPool`` with exclusive use of a
/// free connection (opening a new one while under ``maxConnections``), or, when every
/// connection is busy, queues the body without blocking a thread. A pool thread that finishes
/// a body hands its connection straight to the next queued one and runs it, so a caller that
/// had to wait is resumed once, with its result, and never hops back to its executor just to
/// learn that a connection is free. Connections are opened lazily on the thread pool too,
/// because connecting blocks.
///
/// The pool does not judge connection health: a connection type that can break (a lost
/// PostgreSQL server) repairs itself at the start of its next use, or reports itself broken
/// through `isReusable` so the pool closes it and opens a fresh one next time.
public final class ConnectionPool<Connection>: @unchecked Sendable {  // `state` guarded by `lock`
    /// One ``withConnection(_:)`` call: runs its body with the connection it is given, then
    /// resumes its caller with the result (once the connection is back in the pool), or
    /// resumes it with an error. Each job is resumed exactly once.
    private class Job {
        func run(_ connection: Connection) {}
        func resume() {}
        func fail(_ error: any Error) {}
    }

    private final class TypedJob<Result: Sendable>: Job {
        let body: @Sendable (Connection) throws -> Result
        let continuation: UnsafeContinuation<Result, any Error>
        private var result: Swift.Result<Result, any Error>?

        init(body: @escaping @Sendable (Connection) throws -> Result, continuation: UnsafeContinuation<Result, any Error>) {
            self.body = body
            self.continuation = continuation
        }

        override func run(_ connection: Connection) {
            result = Swift.Result { try body(connection) }
        }

        override func resume() {
            continuation.resume(with: result!)
        }

        override func fail(_ error: any Error) {
            continuation.resume(throwing: error)
        }
    }

    /// Boxes a connection so it can cross to the thread pool; only one job uses it at a time.
    final class Holder: @unchecked Sendable {
        let connection: Connection
        init(_ connection: Connection) { self.connection = connection }
    }

    private struct State {
        var idle: [Holder] = []
        var openCount = 0
        /// Jobs waiting for a connection, oldest first from `waitingHead`.
        var waiting: [Job] = []
        var waitingHead = 0
        var closed = false

        var hasWaiting: Bool { waitingHead < waiting.count }

        mutating func takeWaiting() -> Job {
            let job = waiting[waitingHead]
            waitingHead += 1
            if waitingHead == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                waitingHead = 0
            }
            return job
        }
    }

    /// What a pool thread does once a job is done with a connection.
    private enum NextStep {
        /// Nothing more: the connection is idle (or closed).
        case done
        /// Run this waiting job with the same connection.
        case reuse(Job)
        /// Open a fresh connection for this waiting job (the previous one was closed).
        case reopen(Job)
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
        // Resumed exactly once, by the job's `resume` after it ran or by its `fail`.
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Result, any Error>) in
            start(TypedJob(body: body, continuation: continuation))
        }
    }

    /// Number of connections currently open (idle or in use).
    public var openConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return state.openCount
    }

    /// Closes idle connections and refuses new work; in-use connections close when released.
    public func close() async {
        let (idle, waiting) = lock.withLock {
            state.closed = true
            let taken = (state.idle, Array(state.waiting[state.waitingHead...]))
            state.openCount -= state.idle.count
            state.idle = []
            state.waiting = []
            state.waitingHead = 0
            return taken
        }
        for job in waiting {
            job.fail(PortalError.unavailable("The database connection pool is closed."))
        }
        let closeConnection = self.closeConnection
        if !idle.isEmpty {
            _ = try? await threads.run { for holder in idle { closeConnection(holder.connection) } }
        }
    }

    /// Sends `job` to a pool thread with an idle connection (or the right to open one), or
    /// queues it until a connection is free.
    private func start(_ job: Job) {
        lock.lock()
        if state.closed {
            lock.unlock()
            job.fail(PortalError.unavailable("The database connection pool is closed."))
        } else if let holder = state.idle.popLast() {
            lock.unlock()
            if !threads.submit({ self.serve(job, with: holder) }) {
                lock.withLock { state.idle.append(holder) }
                job.fail(threadsStopped)
            }
        } else if state.openCount < maxConnections {
            state.openCount += 1
            lock.unlock()
            if !threads.submit({ self.serve(job, with: nil) }) {
                lock.withLock { state.openCount -= 1 }
                job.fail(threadsStopped)
            }
        } else {
            state.waiting.append(job)
            lock.unlock()
        }
    }

    private var threadsStopped: PortalError {
        PortalError.unavailable("The \(threads.name) worker threads have stopped.")
    }

    /// On a pool thread: runs `job` with `reserved` (or a connection it opens), then every job
    /// that waits for the connection afterwards.
    private func serve(_ job: Job, with reserved: Holder?) {
        var job = job
        var holder = reserved
        while true {
            let current: Holder
            if let holder {
                current = holder
            } else {
                do {
                    current = Holder(try open())
                } catch {
                    let next = releaseFailedOpen()
                    job.fail(error)
                    guard let next else { return }
                    job = next
                    continue
                }
            }
            job.run(current.connection)
            // The connection goes back (or on) before the caller resumes, as if it had released
            // it itself.
            let step = release(current)
            job.resume()
            switch step {
            case .done:
                return
            case .reuse(let next):
                job = next
                holder = current
            case .reopen(let next):
                job = next
                holder = nil
            }
        }
    }

    /// After a job: keeps the connection for the next waiting job or as idle, or closes it when
    /// it is broken or the pool closed meanwhile (a waiting job then opens a fresh one).
    private func release(_ holder: Holder) -> NextStep {
        let keep = isReusable(holder.connection)
        lock.lock()
        if keep, !state.closed {
            if state.hasWaiting {
                let next = state.takeWaiting()
                lock.unlock()
                return .reuse(next)
            }
            state.idle.append(holder)
            lock.unlock()
            return .done
        }
        state.openCount -= 1
        let next = takeOpenSlotForWaiting()
        lock.unlock()
        closeConnection(holder.connection)
        return next.map { .reopen($0) } ?? .done
    }

    /// After a failed open: frees its slot, or hands it to the next waiting job.
    private func releaseFailedOpen() -> Job? {
        lock.withLock {
            state.openCount -= 1
            return takeOpenSlotForWaiting()
        }
    }

    /// With the lock held: gives a free opening slot to the first waiting job, if any.
    private func takeOpenSlotForWaiting() -> Job? {
        guard !state.closed, state.hasWaiting, state.openCount < maxConnections else { return nil }
        state.openCount += 1
        return state.takeWaiting()
    }
}

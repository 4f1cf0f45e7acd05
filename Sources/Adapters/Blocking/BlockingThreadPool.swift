import Foundation
import PortalKernel

/// A fixed set of dedicated threads for blocking C calls (libsqlite3, libpq, libcurl).
///
/// Swift concurrency's cooperative pool and NIO's event loops must never block; adapters hand
/// their blocking work to a `BlockingThreadPool` and `await` the result instead.
///
/// ```swift
/// let pool = BlockingThreadPool(name: "sqlite", threads: 4)
/// let count = try await pool.run { try connection.count() }
/// ```
public final class BlockingThreadPool: @unchecked Sendable {  // mutable state guarded by `condition`
    private let condition = NSCondition()
    private var pending: [() -> Void] = []
    private var pendingHead = 0
    private var accepting = true
    private var liveThreads = 0

    /// The name threads carry (visible in debuggers and `top -H`).
    public let name: String
    /// The number of threads.
    public let threadCount: Int

    /// Starts `threads` threads named `name`.
    public init(name: String, threads: Int) {
        precondition(threads > 0, "a thread pool needs at least one thread")
        self.name = name
        self.threadCount = threads
        for index in 0..<threads {
            let thread = Thread { [self] in self.workLoop() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 1 << 20
            liveThreads += 1
            thread.start()
        }
    }

    /// Runs `body` on one of the pool's threads and returns its result.
    /// Throws `unavailable` once the pool has been shut down.
    public func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let accepted = submit {
                continuation.resume(with: Swift.Result { try body() })
            }
            if !accepted {
                continuation.resume(throwing: PortalError.unavailable("The \(name) worker threads have stopped."))
            }
        }
    }

    /// Stops accepting work, lets queued work finish and waits for the threads to exit.
    public func shutdown() {
        condition.lock()
        accepting = false
        condition.broadcast()
        while liveThreads > 0 { condition.wait() }
        condition.unlock()
    }

    /// Queues `work` for a pool thread; `false` once the pool has been shut down.
    func submit(_ work: @escaping () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard accepting else { return false }
        pending.append(work)
        condition.signal()
        return true
    }

    private func workLoop() {
        while true {
            condition.lock()
            while pendingHead == pending.count, accepting { condition.wait() }
            if pendingHead == pending.count {
                liveThreads -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let work = pending[pendingHead]
            pendingHead += 1
            if pendingHead > 64, pendingHead * 2 > pending.count {
                pending.removeFirst(pendingHead)
                pendingHead = 0
            }
            condition.unlock()
            work()
        }
    }
}

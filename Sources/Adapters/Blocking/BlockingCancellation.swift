import Foundation

/// Carries a Swift task's cancellation onto the pool thread doing its blocking work, which polls
/// it (between pages, from a libcurl progress callback) and stops early.
public final class BlockingCancellation: @unchecked Sendable {  // `cancelled` is guarded by `lock`
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Whether the awaiting task has been cancelled.
    public var isCancelled: Bool {
        lock.withLock { cancelled }
    }

    public func cancel() {
        lock.withLock { cancelled = true }
    }

    /// Throws `CancellationError` once the awaiting task has been cancelled.
    public func check() throws {
        if isCancelled { throw CancellationError() }
    }
}

extension BlockingThreadPool {
    /// Runs `body` on the pool with a ``BlockingCancellation`` that is set when the calling task
    /// is cancelled, so long blocking work can stop early.
    public func runCancellable<Result: Sendable>(
        _ body: @escaping @Sendable (BlockingCancellation) throws -> Result
    ) async throws -> Result {
        try Task.checkCancellation()
        let cancellation = BlockingCancellation()
        return try await withTaskCancellationHandler {
            try await run { try body(cancellation) }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

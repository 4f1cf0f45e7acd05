import Foundation
import PortalBlocking

/// Carries a Swift task's cancellation onto the pool thread that renders, which checks it
/// between pages.
final class PDFCancellation: @unchecked Sendable {  // `cancelled` is guarded by `lock`
    private let lock = NSLock()
    private var cancelled = false

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Throws `CancellationError` once the awaiting task has been cancelled.
    func check() throws {
        if isCancelled { throw CancellationError() }
    }

    /// Runs `body` on `pool`, flagging cancellation to it if the calling task is cancelled.
    static func run<Result: Sendable>(
        on pool: BlockingThreadPool,
        _ body: @escaping @Sendable (PDFCancellation) throws -> Result
    ) async throws -> Result {
        try Task.checkCancellation()
        let cancellation = PDFCancellation()
        return try await withTaskCancellationHandler {
            try await pool.run { try body(cancellation) }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

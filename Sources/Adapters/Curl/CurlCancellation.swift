import CCurl
import Foundation
import PortalBlocking

/// Carries a Swift task's cancellation into a running libcurl transfer.
///
/// The transfer's progress callback polls ``isCancelled`` and aborts (`CURLE_ABORTED_BY_CALLBACK`)
/// once the awaiting task has been cancelled, which frees the pool thread promptly.
final class CurlCancellation: @unchecked Sendable {  // `cancelled` is guarded by `lock`
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

    /// Installs the progress callback on `handle`; `self` must outlive the transfer.
    func install(on handle: CurlEasyHandle) throws {
        try handle.set(CURLOPT_NOPROGRESS, false)
        try handle.setProgressFunction(Self.progressCallback)
        try handle.set(CURLOPT_XFERINFODATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    private static let progressCallback: curl_xferinfo_callback = { userdata, _, _, _, _ in
        guard let userdata else { return 1 }
        return Unmanaged<CurlCancellation>.fromOpaque(userdata).takeUnretainedValue().isCancelled ? 1 : 0
    }

    /// Runs `body` on `pool`, cancelling the transfer it performs if the calling task is cancelled.
    static func run<Result: Sendable>(
        on pool: BlockingThreadPool,
        _ body: @escaping @Sendable (CurlCancellation) throws -> Result
    ) async throws -> Result {
        try Task.checkCancellation()
        let cancellation = CurlCancellation()
        return try await withTaskCancellationHandler {
            try await pool.run { try body(cancellation) }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

import Foundation

/// Idle easy handles waiting to be reused, so connections to the same server stay open.
///
/// The number of handles never exceeds the number of transfers running at once, which the
/// owning transport bounds by its thread count.
final class CurlHandlePool: @unchecked Sendable {  // `idle` is guarded by `lock`
    private let lock = NSLock()
    private var idle: [CurlEasyHandle] = []

    /// Runs `body` with a handle of its own, resetting the handle's options before it is reused.
    func withHandle<Result>(_ body: (CurlEasyHandle) throws -> Result) throws -> Result {
        let handle = try checkOut()
        defer { checkIn(handle) }
        return try body(handle)
    }

    private func checkOut() throws -> CurlEasyHandle {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        return try reused ?? CurlEasyHandle()
    }

    private func checkIn(_ handle: CurlEasyHandle) {
        handle.reset()
        lock.lock()
        idle.append(handle)
        lock.unlock()
    }
}

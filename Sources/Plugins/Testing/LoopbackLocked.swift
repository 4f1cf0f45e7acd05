import Foundation

// Loopback socket plumbing, shared by LoopbackHTTPServer and SMTPSink.

/// A value behind a lock, for state the fakes share between their threads and the test.
final class LoopbackLocked<Value: Sendable>: @unchecked Sendable {  // `value` is guarded by `lock`
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

import Foundation

/// Counts the jobs a worker is running, wakes the worker when one finishes, and lets it wait
/// for all of them at shutdown.
final class InFlightJobs: @unchecked Sendable {  // `count` and `drained` guarded by `lock`
    private let lock = NSLock()
    private var count = 0
    private var drained: [CheckedContinuation<Void, Never>] = []
    private let finishedSignal: AsyncStream<Void>.Continuation
    /// Yields (coalesced) whenever a job finishes.
    let finished: AsyncStream<Void>

    init() {
        (finished, finishedSignal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    var value: Int { lock.withLock { count } }

    func started() { lock.withLock { count += 1 } }

    func ended() {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            count -= 1
            guard count == 0 else { return [] }
            defer { drained = [] }
            return drained
        }
        finishedSignal.yield()
        waiters.forEach { $0.resume() }
    }

    /// Returns once no job is running. Not cancellable: shutdown waits for the jobs in hand.
    func waitUntilDrained() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = lock.withLock {
                if count == 0 { return true }
                drained.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

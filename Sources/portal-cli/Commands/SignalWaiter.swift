import Dispatch
import Foundation

/// Runs a long task until SIGINT or SIGTERM, then cancels it and waits for it to wind down.
enum SignalWaiter {
    static func runUntilInterrupted(_ body: @escaping @Sendable () async -> Void) async throws {
        let task = Task { await body() }
        let sources = [SIGINT, SIGTERM].map { signalNumber -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        await task.value
        sources.forEach { $0.cancel() }
    }
}

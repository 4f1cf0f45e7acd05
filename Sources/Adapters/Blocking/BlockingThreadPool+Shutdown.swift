import Foundation

extension BlockingThreadPool {
    /// Stops the pool like ``shutdown()``, but waits on a thread of its own, so the caller's
    /// executor is never blocked while running work finishes.
    public func shutdownGracefully() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                self.shutdown()
                continuation.resume()
            }
            thread.name = "\(name)-shutdown"
            thread.start()
        }
    }
}

import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Loopback socket plumbing, shared by LoopbackHTTPServer and SMTPSink.

/// A listening TCP socket on 127.0.0.1 with one thread accepting and one thread per connection.
///
/// ``stop()`` shuts the listening socket and every open connection down, wakes any ``pause(for:)``
/// and waits until all threads have returned, so a stopped fake leaves nothing running.
final class LoopbackListener: @unchecked Sendable {  // `stopped`, `liveThreads`, `open` guarded by `condition`
    let port: Int
    private let listeningSocket: Int32
    private let condition = NSCondition()
    private var stopped = false
    private var liveThreads = 0
    private var open: Set<Int32> = []
    private var accepted = 0

    #if canImport(Darwin)
    private static let streamType = SOCK_STREAM
    #else
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    #endif

    init(name: String, serve: @escaping @Sendable (LoopbackConnection, LoopbackListener) -> Void) throws {
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw Self.failure("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 128) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            let error = Self.failure("bind")
            close(fd)
            throw error
        }
        listeningSocket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        liveThreads = 1
        let thread = Thread { [self] in acceptLoop(name: name, serve: serve) }
        thread.name = "\(name)-accept"
        thread.start()
    }

    /// How many connections have been accepted so far.
    var acceptedConnections: Int {
        condition.lock()
        defer { condition.unlock() }
        return accepted
    }

    /// Sleeps for `duration` unless stopped first; returns `false` when the listener was stopped.
    func pause(for duration: Duration) -> Bool {
        let (seconds, attoseconds) = duration.components
        let deadline = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        while !stopped, condition.wait(until: deadline) {}
        return !stopped
    }

    func stop() {
        condition.lock()
        let first = !stopped
        stopped = true
        if first {
            shutdown(listeningSocket, Int32(SHUT_RDWR))
            for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
        condition.broadcast()
        while liveThreads > 0 { condition.wait() }
        condition.unlock()
        if first { close(listeningSocket) }
    }

    private func acceptLoop(name: String, serve: @escaping @Sendable (LoopbackConnection, LoopbackListener) -> Void) {
        defer { finishThread(closing: nil) }
        while true {
            let fd = accept(listeningSocket, nil, nil)
            condition.lock()
            if stopped {
                condition.unlock()
                if fd >= 0 { close(fd) }
                return
            }
            guard fd >= 0 else {
                condition.unlock()
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            open.insert(fd)
            liveThreads += 1
            accepted += 1
            condition.unlock()
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in
                serve(LoopbackConnection(fd), self)
                finishThread(closing: fd)
            }
            thread.name = "\(name)-connection"
            thread.start()
        }
    }

    private func finishThread(closing fd: Int32?) {
        condition.lock()
        if let fd {
            open.remove(fd)
            close(fd)
        }
        liveThreads -= 1
        condition.broadcast()
        condition.unlock()
    }

    private static func failure(_ call: String) -> PortalError {
        .unavailable("Could not open a loopback test socket.", debugDetail: "\(call) failed with errno \(errno)")
    }
}

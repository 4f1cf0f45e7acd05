import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal blocking TCP client for driving the loopback fakes byte by byte in tests.
final class RawLoopbackClient {
    private let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        #if canImport(Darwin)
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else {
            close(fd)
            throw CocoaError(.fileReadUnknown)
        }
    }

    deinit {
        close(fd)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Self.sendBytes(fd, $0.baseAddress, $0.count) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// Reads until `marker` has arrived (or the peer stops), returning everything up to and including it.
    func read(until marker: String) -> String {
        let needle = Array(marker.utf8)
        while true {
            if let range = pending.firstRange(of: needle) {
                let text = String(decoding: pending[..<range.upperBound], as: UTF8.self)
                pending.removeFirst(range.upperBound)
                return text
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                defer { pending = [] }
                return String(decoding: pending, as: UTF8.self)
            }
            pending += chunk[..<count]
        }
    }

    /// Sends one SMTP command line and returns the complete (possibly multi-line) reply.
    func command(_ line: String) -> String {
        send(line + "\r\n")
        return readReply()
    }

    /// Reads one complete SMTP reply (its last line has a space after the code).
    func readReply() -> String {
        var reply = ""
        while true {
            let line = read(until: "\r\n")
            reply += line
            if line.count < 4 || Array(line)[3] != "-" { return reply }
        }
    }

    private static func sendBytes(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Darwin)
        Darwin.send(fd, pointer, count, 0)
        #else
        Glibc.send(fd, pointer, count, 0)
        #endif
    }
}

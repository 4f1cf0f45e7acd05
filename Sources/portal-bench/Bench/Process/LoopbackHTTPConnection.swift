import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#endif

/// One keep-alive HTTP/1.1 connection to the server under test on `127.0.0.1`, with blocking
/// sockets: the load drivers run one per thread, so the client's cost stays small and steady.
/// It reads responses framed by `Content-Length` or chunked encoding, which is all the server sends.
public final class LoopbackHTTPConnection {
    /// A response: status and body.
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let port: Int
    private var socket: Int32 = -1
    private var buffer: [UInt8] = []

    public init(port: Int) {
        self.port = port
    }

    deinit { disconnect() }

    /// Sends one request and reads its response, connecting (again) when needed.
    public func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> Response {
        if socket < 0 { try connect() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        do {
            try write(Array(head.utf8) + body)
            return try readResponse()
        } catch {
            disconnect()
            throw error
        }
    }

    /// Whether a `GET path` answers 200 right now (a fresh connection; false when refused).
    public static func answers(port: Int, path: String) -> Bool {
        let connection = LoopbackHTTPConnection(port: port)
        return (try? connection.send("GET", path).status) == 200
    }

    private func connect() throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw failure("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw failure("connect")
        }
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        socket = descriptor
        buffer.removeAll(keepingCapacity: true)
    }

    private func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw failure("send") }
            sent += count
        }
    }

    /// Reads more bytes into the buffer; throws when the server closed the connection.
    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw failure("recv") }
        buffer += chunk[0..<count]
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                buffer.removeSubrange(...end)
                return line
            }
            try fill()
        }
    }

    private func readBytes(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let bytes = Array(buffer[..<count])
        buffer.removeSubrange(..<count)
        return bytes
    }

    private func readResponse() throws -> Response {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw failure("status line '\(statusLine)'") }
        var length: Int?
        var chunked = false
        var closes = false
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "content-length": length = Int(pair[1])
            case "transfer-encoding": chunked = pair[1].contains("chunked")
            case "connection": closes = pair[1] == "close"
            default: break
            }
        }
        var body: [UInt8] = []
        if chunked {
            while true {
                let size = Int(try readLine().split(separator: ";").first.map(String.init) ?? "", radix: 16) ?? 0
                if size == 0 {
                    _ = try readLine()
                    break
                }
                body += try readBytes(size)
                _ = try readLine()
            }
        } else if let length {
            body = try readBytes(length)
        }
        if closes { disconnect() }
        return Response(status: status, body: body)
    }

    private func failure(_ what: String) -> PortalError {
        PortalError.unavailable("HTTP \(what) failed on 127.0.0.1:\(port): \(String(cString: strerror(errno))).")
    }
}

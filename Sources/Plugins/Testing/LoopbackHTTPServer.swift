import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A real HTTP/1.1 server on `127.0.0.1` for tests of code that speaks HTTP (the curl transport,
/// provider plugins pointed at a local fake of their API).
///
/// Every request is recorded, then answered by `handler`. The port is chosen by the OS, so
/// servers in parallel tests never collide. Supports keep-alive, `Content-Length` and chunked
/// request bodies, and `Expect: 100-continue`.
///
/// ```swift
/// let server = try LoopbackHTTPServer { request in
///     request.path == "/v1/ping" ? .text("pong") : ScriptedHTTPResponse(status: 404)
/// }
/// defer { server.stop() }
/// let response = try await transport.send(HTTPRequest(url: server.url("/v1/ping")))
/// #expect(server.requests.first?.method == "GET")
/// ```
public final class LoopbackHTTPServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    private let listener: LoopbackListener
    private let log = LoopbackLocked<[RecordedHTTPRequest]>([])

    /// Starts listening on `127.0.0.1` with an OS-assigned port.
    /// - Parameter handler: Answers each request; runs on the connection's thread. Must not call ``stop()``.
    public init(handler: @escaping @Sendable (RecordedHTTPRequest) -> ScriptedHTTPResponse) throws {
        let log = self.log
        listener = try LoopbackListener(name: "loopback-http") { connection, listener in
            LoopbackHTTPServer.serve(connection, listener: listener, log: log, handler: handler)
        }
        port = listener.port
    }

    deinit {
        listener.stop()
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The absolute URL of `pathAndQuery` (which starts with `/`) on this server.
    public func url(_ pathAndQuery: String) -> String { baseURL + pathAndQuery }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedHTTPRequest] { log.withLock { $0 } }

    /// How many TCP connections clients have opened so far (lets tests see keep-alive at work).
    public var acceptedConnections: Int { listener.acceptedConnections }

    /// Stops accepting, closes open connections (cutting short any scripted delay) and waits for
    /// the server's threads to finish. Safe to call more than once.
    public func stop() {
        listener.stop()
    }

    private static func serve(
        _ connection: LoopbackConnection,
        listener: LoopbackListener,
        log: LoopbackLocked<[RecordedHTTPRequest]>,
        handler: @Sendable (RecordedHTTPRequest) -> ScriptedHTTPResponse
    ) {
        while let request = readRequest(connection) {
            log.withLock { $0.append(request) }
            let response = handler(request)
            if let delay = response.delay, !listener.pause(for: delay) { return }
            guard connection.write(encode(response, for: request)) else { return }
            let closes = request.version == "HTTP/1.0"
                || request.headers["Connection"]?.lowercased() == "close"
                || response.headers["Connection"]?.lowercased() == "close"
            if closes { return }
        }
    }

    /// Reads one request; `nil` at the end of the connection or when the request is malformed.
    private static func readRequest(_ connection: LoopbackConnection) -> RecordedHTTPRequest? {
        var line = connection.readLine(limit: 16 << 10)
        while let blank = line, blank.isEmpty { line = connection.readLine(limit: 16 << 10) }
        guard let line else { return nil }
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        var headers = HTTPHeaders()
        while true {
            guard headers.fields.count < 200, let field = connection.readLine(limit: 64 << 10) else { return nil }
            if field.isEmpty { break }
            let text = String(decoding: field, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { return nil }
            headers.add(
                String(text[..<colon]),
                text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        if headers["Expect"]?.lowercased() == "100-continue" {
            guard connection.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return nil }
        }
        let body: [UInt8]
        if headers["Transfer-Encoding"]?.lowercased().contains("chunked") == true {
            guard let chunked = readChunkedBody(connection) else { return nil }
            body = chunked
        } else if let length = headers["Content-Length"].flatMap({ Int($0) }), length > 0 {
            guard let bytes = connection.read(count: length) else { return nil }
            body = bytes
        } else {
            body = []
        }
        return RecordedHTTPRequest(
            method: String(parts[0]), target: String(parts[1]), version: String(parts[2]),
            headers: headers, body: body
        )
    }

    private static func readChunkedBody(_ connection: LoopbackConnection) -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            guard let sizeLine = connection.readLine(limit: 1 << 10) else { return nil }
            let sizeText = String(decoding: sizeLine, as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                return nil
            }
            if size == 0 { break }
            guard let chunk = connection.read(count: size), connection.readLine(limit: 2) == [] else { return nil }
            body += chunk
        }
        while let trailer = connection.readLine(limit: 64 << 10) {  // trailers end with a blank line
            if trailer.isEmpty { return body }
        }
        return nil
    }

    private static func encode(_ response: ScriptedHTTPResponse, for request: RecordedHTTPRequest) -> [UInt8] {
        let bodyAllowed = !(100..<200).contains(response.status) && response.status != 204 && response.status != 304
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for field in response.headers { head += "\(field.name): \(field.value)\r\n" }
        if response.chunked {
            head += "Transfer-Encoding: chunked\r\n"
        } else if bodyAllowed, response.headers["Content-Length"] == nil {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        var bytes = Array((head + "\r\n").utf8)
        guard bodyAllowed, request.method != "HEAD" else { return bytes }
        if response.chunked {
            var offset = 0
            while offset < response.body.count {
                let end = min(offset + 16 << 10, response.body.count)
                bytes += Array("\(String(end - offset, radix: 16))\r\n".utf8) + response.body[offset..<end] + [13, 10]
                offset = end
            }
            bytes += Array("0\r\n\r\n".utf8)
        } else {
            bytes += response.body
        }
        return bytes
    }

    private static func reasonPhrase(_ status: Int) -> String {
        let phrases = [
            200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently",
            302: "Found", 303: "See Other", 304: "Not Modified", 307: "Temporary Redirect",
            308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 409: "Conflict", 422: "Unprocessable Content", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
        ]
        return phrases[status] ?? "Status"
    }
}

/// One request as the ``LoopbackHTTPServer`` received it.
public struct RecordedHTTPRequest: Sendable, Hashable {
    /// The method as sent, e.g. `POST`.
    public var method: String
    /// The request target: path and query, e.g. `/v1/charges?limit=3`.
    public var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    /// The header fields in order, as sent.
    public var headers: HTTPHeaders
    /// The body, with chunked transfer coding removed.
    public var body: [UInt8]

    public init(method: String, target: String, version: String = "HTTP/1.1", headers: HTTPHeaders, body: [UInt8]) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The target without its query string.
    public var path: String { String(target.prefix { $0 != "?" }) }
    /// The query string without `?`, or `nil` when there is none.
    public var query: String? { target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } }
    /// The body decoded as UTF-8.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What a ``LoopbackHTTPServer`` answers: a status, header fields, a body, and optionally a delay
/// before anything is sent (to provoke client timeouts).
public struct ScriptedHTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Sent as given; `Content-Length` is added when absent (unless ``chunked``).
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// How long to wait before answering; `stop()` cuts the wait short.
    public var delay: Duration?
    /// Sends the body with chunked transfer coding (no `Content-Length`).
    public var chunked: Bool

    public init(
        status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        delay: Duration? = nil, chunked: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.chunked = chunked
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: Int = 200) -> ScriptedHTTPResponse {
        ScriptedHTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An `application/json` response with `json` as the body.
    public static func json(_ json: String, status: Int = 200) -> ScriptedHTTPResponse {
        ScriptedHTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(json.utf8))
    }
}

// MARK: - Loopback socket plumbing, shared with SMTPSink

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

/// Buffered reading and complete writes on one accepted socket.
final class LoopbackConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0

    init(_ fd: Int32) {
        self.fd = fd
    }

    /// The next line without its CRLF (or bare LF); `nil` at end of stream or past `limit` bytes.
    func readLine(limit: Int) -> [UInt8]? {
        var searched = 0  // bytes after `start` known to hold no line feed
        while true {
            if let newline = buffer[(start + searched)...].firstIndex(of: 10) {
                var end = newline
                if end > start, buffer[end - 1] == 13 { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                return line
            }
            searched = buffer.count - start
            guard searched <= limit, fill() else { return nil }
        }
    }

    /// Exactly `count` bytes; `nil` if the stream ends first.
    func read(count: Int) -> [UInt8]? {
        while buffer.count - start < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[start..<start + count])
        start += count
        return bytes
    }

    /// Writes all of `bytes`; `false` when the peer has gone.
    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Self.sendFlags)
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    #if canImport(Darwin)
    private static let sendFlags: Int32 = 0
    #else
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    private func fill() -> Bool {
        if start > 0, start * 2 >= buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received < 0, errno == EINTR { continue }
            guard received > 0 else { return false }
            buffer += chunk[0..<received]
            return true
        }
    }
}

import Foundation
import PortalKernel

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

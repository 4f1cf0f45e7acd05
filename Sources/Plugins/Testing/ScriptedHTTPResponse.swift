import PortalKernel

/// What a ``LoopbackHTTPServer`` answers: a status, header fields, a body, and optionally a delay
/// before anything is sent (to provoke client timeouts).
public struct ScriptedHTTPResponse: Sendable, Hashable {
    /// The status code, e.g. 200 or 503.
    public var status: Int
    /// Sent as given; `Content-Length` is added when absent (unless ``chunked``).
    public var headers: HTTPHeaders
    /// The body bytes (not sent for HEAD requests and for 1xx, 204 and 304 statuses).
    public var body: [UInt8]
    /// How long to wait before answering; `stop()` cuts the wait short.
    public var delay: Duration?
    /// Sends the body with chunked transfer coding (no `Content-Length`).
    public var chunked: Bool

    /// Creates a response; by default an empty `200 OK` sent at once.
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

import PortalKernel

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

    /// Creates a request record (the server makes these; tests may build them to compare).
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

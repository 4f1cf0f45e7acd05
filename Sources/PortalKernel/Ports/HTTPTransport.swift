/// The HTTP transport port: how plugins reach outside HTTP APIs (payment gateways, email
/// APIs, code hosts). The kernel and plugins never open sockets themselves.
///
/// The production adapter is `CurlHTTPTransport` (libcurl); tests inject a recording or
/// scripted transport, or point the real one at a loopback fake of the provider.
///
/// ## Implementation requirements
/// - An HTTP status of 4xx or 5xx is a *response*, not an error: return it.
/// - Throw ``TransportError`` only when no complete response arrived (DNS, connect, TLS,
///   timeout, reset), so callers can tell "the provider said no" from "we could not ask".
/// - Honour ``HTTPRequest/timeout`` for the whole exchange.
/// - Never log header values or bodies: they carry credentials and personal data.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the final response (after redirects, when the request allows them).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Lets transfers in progress finish, then releases threads and connections. Later sends fail
    /// with ``TransportError``. The default does nothing (for transports that hold no resources).
    func shutdown() async
}

extension HTTPTransport {
    public func shutdown() async {}
}

/// An outbound HTTP request.
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    /// An absolute `http` or `https` URL, query string included.
    public var url: String
    /// Header fields in order; names are case-insensitive.
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The limit for the whole exchange.
    public var timeout: Duration
    /// Whether 3xx responses are followed (off by default: APIs rarely redirect, and following
    /// one may resend credentials to another host).
    public var followRedirects: Bool

    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        timeout: Duration = .seconds(30),
        followRedirects: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.followRedirects = followRedirects
    }
}

/// A response as received.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// An HTTP method.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }
    public var description: String { rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let head = HTTPMethod(rawValue: "HEAD")
}

/// Ordered header fields with case-insensitive lookup. Repeated names are kept.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name, value) }
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every field called `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.caseInsensitiveEquals(name) }
    }

    /// The first value of `name`, if present.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}

/// The transport could not complete an exchange. Providers' own refusals are responses, not this.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The host name did not resolve.
        case resolve
        /// No connection could be made.
        case connect
        /// The TLS handshake or certificate check failed.
        case tls
        /// The exchange took longer than allowed.
        case timeout
        /// The connection broke or the peer sent something that is not HTTP.
        case broken
        /// The request itself is unusable (a malformed URL, an unsupported scheme).
        case invalidRequest
        /// A mail server refused the sender, a recipient or the message.
        case rejected
        /// Anything else.
        case other
    }

    public let kind: Kind
    /// A short description safe to log (no URLs with credentials, no bodies).
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether sending again later may succeed.
    public var isRetryable: Bool {
        switch kind {
        case .resolve, .connect, .timeout, .broken, .tls, .other: true
        case .invalidRequest, .rejected: false
        }
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

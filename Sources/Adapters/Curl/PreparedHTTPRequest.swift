import PortalKernel

/// An ``HTTPRequest`` checked and translated into what libcurl needs, before any thread is used.
///
/// Checking here rejects unusable requests as `invalidRequest` without a network round trip and
/// stops header injection (CR or LF in a value) before libcurl sees the fields.
struct PreparedHTTPRequest: Sendable {
    /// How the request body is handed to libcurl.
    enum Body: Sendable {
        /// No body (GET, HEAD, a DELETE without content).
        case none
        /// `CURLOPT_POSTFIELDS` with these bytes (possibly empty, giving `Content-Length: 0`).
        case fields([UInt8])
    }

    let method: HTTPMethod
    let url: String
    /// `Name: value` lines for `CURLOPT_HTTPHEADER`.
    let headerLines: [String]
    let body: Body
    let timeoutMilliseconds: Int
    let followRedirects: Bool
    /// `host[:port]` without user info: safe for logs and messages.
    let authority: String
    /// Parts of the URL that must never appear in a message (user info, path, query).
    let secrets: [String]

    private static let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    init(_ request: HTTPRequest) throws {
        let url = request.url
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw TransportError(.invalidRequest, "only http and https URLs are supported")
        }
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw TransportError(.invalidRequest, "the URL contains spaces or control characters")
        }
        let afterScheme = url.dropFirst(lowered.hasPrefix("https://") ? 8 : 7)
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let fullAuthority = afterScheme[..<authorityEnd]
        var secrets = [url]
        var authority = fullAuthority
        if let at = fullAuthority.lastIndex(of: "@") {
            secrets.append(String(fullAuthority[..<at]))
            authority = fullAuthority[fullAuthority.index(after: at)...]
        }
        guard !authority.isEmpty else {
            throw TransportError(.invalidRequest, "the URL has no host")
        }
        let rest = afterScheme[authorityEnd...]
        if rest.count > 1 { secrets.append(String(rest)) }

        let method = request.method
        guard !method.rawValue.isEmpty, method.rawValue.allSatisfy(Self.tokenCharacters.contains) else {
            throw TransportError(.invalidRequest, "the HTTP method is not a valid token")
        }

        var lines: [String] = []
        for field in request.headers {
            guard !field.name.isEmpty, field.name.allSatisfy(Self.tokenCharacters.contains) else {
                throw TransportError(.invalidRequest, "a header name is not a valid token")
            }
            guard !field.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                throw TransportError(.invalidRequest, "the value of header \(field.name) contains a line break")
            }
            // libcurl drops "Name:" lines; "Name;" is its spelling for a field with an empty value.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }

        let sendsBody = !request.body.isEmpty || [.post, .put, .patch].contains(method)
        if sendsBody, method != .head {
            body = .fields(request.body)
            if request.headers["Content-Type"] == nil {
                lines.append("Content-Type:")  // suppress libcurl's default form-encoded type
            }
        } else {
            body = .none
        }

        self.method = method
        self.url = url
        self.headerLines = lines
        self.timeoutMilliseconds = request.timeout.curlMilliseconds
        self.followRedirects = request.followRedirects
        self.authority = String(authority).lowercased()
        self.secrets = secrets
    }
}

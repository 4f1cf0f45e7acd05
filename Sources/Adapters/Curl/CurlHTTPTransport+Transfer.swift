import PortalBlocking
import CCurl
import PortalKernel

extension CurlHTTPTransport {
    /// Performs one exchange on `handle`, blocking the calling (pool) thread.
    static func transfer(
        _ request: PreparedHTTPRequest,
        configuration: Configuration,
        handle: CurlEasyHandle,
        cancellation: BlockingCancellation
    ) throws -> HTTPResponse {
        let collector = HTTPResponseCollector(limit: configuration.maxResponseBytes)
        let headers = try CurlStringList(request.headerLines)
        return try handle.withTransferSetup { errorBuffer in
            try handle.set(CURLOPT_URL, request.url)
            try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
            try handle.set(CURLOPT_CONNECTTIMEOUT_MS, min(configuration.connectTimeout.curlMilliseconds, request.timeoutMilliseconds))
            try handle.set(CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds)
            try handle.set(CURLOPT_FOLLOWLOCATION, request.followRedirects)
            if request.followRedirects {
                try handle.set(CURLOPT_MAXREDIRS, 10)
                try handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
            }
            try handle.set(CURLOPT_ACCEPT_ENCODING, "")
            try handle.set(CURLOPT_USERAGENT, configuration.userAgent)
            try handle.set(CURLOPT_MAXFILESIZE_LARGE, large: Int64(configuration.maxResponseBytes))
            try handle.set(CURLOPT_HTTPHEADER, list: headers)
            try collector.install(on: handle)
            try cancellation.install(on: handle)

            var bodyBytes: [UInt8] = []
            switch request.body {
            case .none:
                if request.method == .head {
                    try handle.set(CURLOPT_NOBODY, true)
                } else if request.method != .get {
                    try handle.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
                }
            case .fields(let bytes):
                bodyBytes = bytes
                try handle.set(CURLOPT_POSTFIELDSIZE_LARGE, large: Int64(bytes.count))
                if request.method != .post {
                    try handle.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
                }
            }
            // A non-empty array always has storage, so POSTFIELDS never becomes NULL (which would
            // make libcurl read the body from a callback instead).
            if bodyBytes.isEmpty { bodyBytes = [0] }

            let code = try withExtendedLifetime((collector, headers, cancellation)) {
                // libcurl only reads POSTFIELDS; borrowing the bytes avoids copying a large body.
                try bodyBytes.withUnsafeBytes { storage in
                    if case .fields = request.body, let base = storage.baseAddress {
                        try handle.set(CURLOPT_POSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: base))
                    }
                    defer { try? handle.set(CURLOPT_POSTFIELDS, pointer: nil) }
                    return handle.perform()
                }
            }
            guard code == CURLE_OK else {
                if collector.exceededLimit || code.rawValue == 63 {
                    throw CurlFailure.sizeExceeded(limit: configuration.maxResponseBytes)
                }
                if code.rawValue == 42, cancellation.isCancelled {
                    throw CancellationError()
                }
                let detail = CurlFailure.scrub(CurlFailure.errorText(errorBuffer), removing: request.secrets)
                throw CurlFailure.http(code, detail: detail, limit: configuration.maxResponseBytes)
            }
            return HTTPResponse(status: handle.responseCode, headers: collector.headers, body: collector.body)
        }
    }
}

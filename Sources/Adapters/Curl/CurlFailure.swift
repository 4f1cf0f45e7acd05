import CCurl
import Foundation
import PortalKernel

/// Turns a failed `curl_easy_perform` into a ``TransportError`` whose message is safe to log.
///
/// Messages are built from libcurl's fixed description of the code plus its error buffer, with
/// every caller-supplied secret (a URL's user info, path and query; SMTP credentials) removed.
/// Bodies and header values never reach libcurl's error buffer.
enum CurlFailure {
    /// libcurl's fixed English description of `code`.
    static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    /// The kind for codes that mean the same thing for every protocol, or `nil`.
    static func networkKind(_ code: CURLcode) -> TransportError.Kind? {
        switch code.rawValue {
        case 5, 6: .resolve  // proxy or host name did not resolve
        case 7: .connect
        case 28: .timeout
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91: .tls
        case 3: .invalidRequest
        default: nil
        }
    }

    /// Maps an HTTP transfer failure. `detail` is libcurl's error buffer, already scrubbed.
    static func http(_ code: CURLcode, detail: String, limit: Int) -> TransportError {
        let text = message(code, detail: detail)
        if let kind = networkKind(code) { return TransportError(kind, text) }
        switch code.rawValue {
        case 1:
            // The URL was checked to be http(s) before the transfer, so "unsupported protocol"
            // here means the server answered in HTTP/0.9 (not HTTP at all) or a redirect pointed
            // at a disallowed scheme.
            if detail.contains("HTTP/0.9") { return TransportError(.broken, text) }
            return TransportError(.invalidRequest, text)
        case 8, 16, 18, 52, 55, 56, 61, 92, 95:
            return TransportError(.broken, text)
        case 63:
            return sizeExceeded(limit: limit)
        case 47:
            return TransportError(.other, "too many redirects (curl code 47)")
        default:
            return TransportError(.other, text)
        }
    }

    /// Maps an SMTP transfer failure, using the server's last reply to tell a permanent refusal
    /// (5xx: `rejected`) from a temporary one (4xx: retryable) and from a broken connection.
    ///
    /// Observed with libcurl 7.88.1: a refused `RCPT TO` or `MAIL FROM` ends in `CURLE_SEND_ERROR`
    /// (55) with the reply code (e.g. 550); a refusal after the message body ends in
    /// `CURLE_WEIRD_SERVER_REPLY` (8) with the reply code (e.g. 554); refused credentials end in
    /// `CURLE_LOGIN_DENIED` (67) after 535. A 55 or 56 without a refusal reply is a broken socket.
    static func smtp(_ code: CURLcode, reply: Int, detail: String) -> TransportError {
        let text = message(code, detail: detail)
        if let kind = networkKind(code) { return TransportError(kind, text) }
        let repliedRefusal: Set<UInt32> = [8, 55, 56, 67, 78, 94]
        if repliedRefusal.contains(code.rawValue) {
            switch reply {
            case 500..<600:
                return TransportError(.rejected, "the mail server refused (reply \(reply)): \(text)")
            case 400..<500:
                return TransportError(.other, "the mail server refused for now (reply \(reply)): \(text)")
            default:
                break
            }
        }
        switch code.rawValue {
        case 67, 94:
            return TransportError(.rejected, "the mail server refused the credentials: \(text)")
        case 1:
            return TransportError(.invalidRequest, text)
        case 8, 18, 52, 55, 56:
            return TransportError(.broken, text)
        default:
            return TransportError(.other, text)
        }
    }

    /// The error for a response larger than the configured limit.
    static func sizeExceeded(limit: Int) -> TransportError {
        TransportError(.other, "the response is larger than the limit of \(limit) bytes")
    }

    /// Removes every non-empty secret from `text` and shortens it to a log-friendly length.
    static func scrub(_ text: String, removing secrets: [String]) -> String {
        var result = text
        for secret in secrets where !secret.isEmpty {
            result = result.replacing(secret, with: "[redacted]")
        }
        return result.count > 240 ? String(result.prefix(240)) + "…" : result
    }

    /// Reads a NUL-terminated `CURLOPT_ERRORBUFFER`.
    static func errorText(_ buffer: UnsafeMutablePointer<CChar>) -> String {
        String(cString: buffer).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func message(_ code: CURLcode, detail: String) -> String {
        let base = "\(describe(code)) (curl code \(code.rawValue))"
        return detail.isEmpty ? base : "\(base): \(detail)"
    }
}

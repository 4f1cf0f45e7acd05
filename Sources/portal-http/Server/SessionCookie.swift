import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The `portal_session` cookie: `HttpOnly`, `SameSite=Lax`, `Path=/`, `Max-Age` of the idle
/// timeout, and `Secure` when the request came over TLS (directly or, per
/// `X-Forwarded-Proto: https`, through a proxy).
enum SessionCookie {
    static let name = "portal_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// The session token the request carries, if any.
    static func token(in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Sets the cookie to `token` for `maxAge`.
    static func set(_ token: String, maxAge: Duration, on response: inout Response, for request: Request) {
        response.headers[values: .setCookie].append(header(value: token, maxAge: Int(maxAge.components.seconds), request: request))
    }

    /// Tells the browser to drop the cookie.
    static func clear(on response: inout Response, for request: Request) {
        response.headers[values: .setCookie].append(header(value: "", maxAge: 0, request: request))
    }

    /// Whether the request reached Portal over TLS.
    static func isSecure(_ request: Request) -> Bool {
        if request.head.scheme?.lowercased() == "https" { return true }
        let forwarded = request.headers[forwardedProto]?.split(separator: ",").first
        return forwarded?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    private static func header(value: String, maxAge: Int, request: Request) -> String {
        var header = "\(name)=\(value); HttpOnly; SameSite=Lax; Path=/; Max-Age=\(maxAge)"
        if isSecure(request) { header += "; Secure" }
        return header
    }
}

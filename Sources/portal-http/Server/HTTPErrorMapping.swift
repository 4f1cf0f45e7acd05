import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// How each kernel error code is spoken in HTTP.
enum HTTPErrorMapping {
    static let retryAfter = HTTPField.Name("Retry-After")!

    static func status(for code: PortalError.Code) -> HTTPTypes.HTTPResponse.Status {
        switch code {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        case .forbidden: .forbidden
        case .unauthenticated: .unauthorized
        case .unavailable: .serviceUnavailable
        case .rateLimited: .tooManyRequests
        case .tooLarge: .contentTooLarge
        default: .internalServerError
        }
    }

    /// The status of `error` once mapped to `portalError`: the code's status, except that a
    /// body in the wrong media type is `415` (still with the code `invalid`).
    static func status(for error: any Error, mappedTo portalError: PortalError) -> HTTPTypes.HTTPResponse.Status {
        if let error = error as? HTTPError, error.status == .unsupportedMediaType { return .unsupportedMediaType }
        return status(for: portalError.code)
    }

    /// The kernel error for a Hummingbird or decoding failure.
    static func portalError(for error: any Error) -> PortalError {
        if let error = error as? PortalError { return error }
        if let error = error as? DecodingError { return PortalError.invalid(from: error, prefix: nil) }
        if let error = error as? HTTPError {
            switch error.status {
            case .notFound: return PortalError.notFound("No such resource.")
            case .methodNotAllowed: return PortalError(.invalid, "This method is not allowed here.")
            case .contentTooLarge: return PortalError(.tooLarge, "The request body is too large.")
            case .unsupportedMediaType: return PortalError(.invalid, "Send the body as application/json.", field: "content-type")
            case .badRequest: return PortalError.invalid(error.body ?? "The request is malformed.")
            case .unauthorized: return PortalError.unauthenticated()
            case .forbidden: return PortalError.forbidden()
            default: return PortalError(.internal, error.body ?? "The request failed.")
            }
        }
        return PortalError.internal(debugDetail: String(describing: error))
    }

    /// The error envelope for `error` with `status` (the code's status unless told), carrying
    /// `X-Request-Id` and, for `rate_limited`, `Retry-After`.
    static func response(for error: PortalError, status: HTTPTypes.HTTPResponse.Status? = nil, requestID: String) -> Response {
        let bytes = (try? JSONCoding.encode(PortalErrorEnvelope(error))) ?? Array(#"{"error":{"code":"internal"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if !requestID.isEmpty, let name = HTTPField.Name("X-Request-Id") { headers[name] = requestID }
        if let seconds = error.retryAfterSeconds { headers[retryAfter] = String(max(1, seconds)) }
        return Response(
            status: status ?? self.status(for: error.code), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

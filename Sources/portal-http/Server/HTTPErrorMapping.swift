import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// How each kernel error code is spoken in HTTP.
enum HTTPErrorMapping {
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

    static func response(for error: PortalError, requestID: String) -> Response {
        let bytes = (try? JSONCoding.encode(PortalErrorEnvelope(error))) ?? Array(#"{"error":{"code":"internal"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if !requestID.isEmpty, let name = HTTPField.Name("X-Request-Id") { headers[name] = requestID }
        return Response(status: status(for: error.code), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The one JSON error shape of the API: `{"error":{"code":…,"message":…,"field":…}}`.
struct APIErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        let field: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(field, forKey: .field)
        }

        enum CodingKeys: String, CodingKey { case code, message, field }
    }

    let error: Detail
}

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
        let body = APIErrorBody(error: .init(code: error.code.rawValue, message: error.message, field: error.field))
        let bytes = (try? JSONCoding.encode(body)) ?? Array(#"{"error":{"code":"internal"}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if !requestID.isEmpty, let name = HTTPField.Name("X-Request-Id") { headers[name] = requestID }
        return Response(status: status(for: error.code), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

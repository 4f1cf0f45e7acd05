import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// JSON in and out with Portal's conventions (snake_case keys, sorted, RFC 3339 instants).
enum JSONResponse {
    /// A JSON response with `value` as its body, encoded as `JSONCoding.encode` would
    /// (through the faster ``ResponseJSON``).
    static func make<Value: Encodable>(_ value: Value, status: HTTPTypes.HTTPResponse.Status = .ok) throws -> Response {
        let bytes = try ResponseJSON.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Request {
    /// Decodes a JSON body into `type`: the content type must be JSON (else `415` with the
    /// code `invalid` on `content-type`), the body within the context's limit, and every
    /// decoding failure becomes `invalid` naming the field.
    func decodeJSON<Value: Decodable>(_ type: Value.Type, context: PortalRequestContext) async throws -> Value {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw HTTPError(.unsupportedMediaType)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxBodyBytes)
        } catch {
            throw PortalError(.tooLarge, "The request body is larger than \(context.maxBodyBytes) bytes.")
        }
        return try JSONCoding.decode(type, from: Array(buffer.readableBytesView))
    }
}

import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Gives each request an id: the caller's `X-Request-Id` when it is a short safe token (so a
/// request can be followed across a proxy and this server), otherwise a new one. The id goes
/// into every log line of the request as `request_id` and back to the caller in `X-Request-Id`.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[Self.header]
        let id = incoming.flatMap(Self.isSafe) == true ? incoming! : Self.generate()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    static func isSafe(_ value: String) -> Bool {
        (1...128).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95 || byte == 46
            }
    }

    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        return String(high, radix: 16) + String(low, radix: 16)
    }
}

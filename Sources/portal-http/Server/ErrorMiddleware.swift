import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Turns every thrown error into the API's JSON error shape, logs server-side failures with
/// their operator detail, and never leaks internals to the client.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let portalError = HTTPErrorMapping.portalError(for: error)
            if portalError.code == .internal || portalError.code == .unavailable {
                context.logger.error(
                    "Request failed",
                    metadata: [
                        "code": .string(portalError.code.rawValue), "path": .string(SharedPortalPath.redacted(request.uri.path)),
                        "detail": .string(portalError.debugDetail ?? portalError.message),
                    ])
            }
            return HTTPErrorMapping.response(
                for: portalError, status: HTTPErrorMapping.status(for: error, mappedTo: portalError), requestID: context.requestID)
        }
    }
}

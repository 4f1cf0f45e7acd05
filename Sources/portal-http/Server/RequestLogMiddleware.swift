import Hummingbird
import Logging

/// Logs each request's method and path at debug level, with shared-link tokens redacted
/// (``SharedPortalPath``), where Hummingbird's own request logger would print the full URI.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.debug(
            "Request",
            metadata: [
                "hb.request.method": .string(request.method.rawValue),
                "hb.request.path": .string(SharedPortalPath.redacted(request.uri.path)),
            ])
        return try await next(request, context)
    }
}

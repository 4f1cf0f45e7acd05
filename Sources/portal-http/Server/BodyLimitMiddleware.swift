import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Refuses request bodies larger than `http.max_body_bytes`: at once when `Content-Length`
/// says so, and while reading otherwise (the limit is carried in the context and enforced by
/// every body decode).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxBodyBytes = maxBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
            throw PortalError(.tooLarge, "The request body is larger than \(maxBodyBytes) bytes.")
        }
        return try await next(request, context)
    }
}

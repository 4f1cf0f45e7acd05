import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The portal view behind a shareable link (`GET /shared/portal/{token}`): public, since the
/// token is the credential.
///
/// A token that is malformed, forged, expired, revoked or never existed gets the same `404`
/// with the same message. Every answer, the view or the `404`, carries
/// `Cache-Control: no-store` (no shared cache keeps the view, nor remembers a refusal) and
/// `Referrer-Policy: no-referrer` (links followed from the page do not carry the token).
enum SharedPortalRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "shared/portal/{token}", access: .anyone, handler: view),
    ]

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    @Sendable static func view(_ call: APICall) async throws -> Response {
        var response: Response
        do {
            let token = call.context.parameters.get("token") ?? ""
            response = try call.json(try await call.engagements.portalLinks.view(token: token))
        } catch {
            // Refusals are answered here so they carry the headers too; failures of the server
            // go on to the error middleware, which logs them.
            let refusal = HTTPErrorMapping.portalError(for: error)
            guard refusal.code == .notFound else { throw error }
            response = HTTPErrorMapping.response(for: refusal, requestID: call.context.requestID)
        }
        response.headers[.cacheControl] = "no-store"
        response.headers[referrerPolicy] = "no-referrer"
        return response
    }
}

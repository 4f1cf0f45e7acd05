import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The per-request context of Portal's routes.
public struct PortalRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's id: the caller's `X-Request-Id` when it is a safe token, else a generated one.
    public var requestID: String
    /// The body limit for this request, set from `http.max_body_bytes`.
    public var maxBodyBytes: Int
    /// The peer's IP address, when the request came over a network socket.
    public var remoteAddress: String?
    /// Who is acting, once ``AuthenticationMiddleware`` has resolved the request's credential.
    public var principal: Principal?
    /// How the principal proved who they are; `nil` on public routes.
    var credential: RequestCredential?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.maxBodyBytes = 1 << 20
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { maxBodyBytes }
}

/// The credential a request was authenticated with.
enum RequestCredential: Sendable {
    /// The `portal_session` cookie: its token (needed to sign out or finish the second factor)
    /// and the session it names.
    case session(token: String, AuthenticatedSession)
    /// An `Authorization: Bearer` API token.
    case apiToken
}

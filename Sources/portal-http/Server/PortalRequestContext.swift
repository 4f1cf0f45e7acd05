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

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.maxBodyBytes = 1 << 20
    }

    public var maxUploadSize: Int { maxBodyBytes }
}

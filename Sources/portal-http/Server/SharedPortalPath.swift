/// Paths of the shared portal view carry a bearer token (`/api/v1/shared/portal/pl_…`); logs get
/// the path with the token replaced.
enum SharedPortalPath {
    static let prefix = "/api/v1/shared/portal/"

    /// `path`, or the shared-view path with its token replaced by `[redacted]`.
    static func redacted(_ path: String) -> String {
        path.hasPrefix(prefix) ? prefix + "[redacted]" : path
    }
}

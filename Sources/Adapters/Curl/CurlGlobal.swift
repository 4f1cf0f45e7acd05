import CCurl
import PortalKernel

/// The process-wide libcurl initialisation, performed exactly once.
///
/// `curl_global_init` must run before any easy handle is created and must not race with another
/// call. A `static let` initialiser runs once, lazily and thread-safely, so every code path that
/// creates a handle goes through ``ensureInitialised()`` first. `curl_global_cleanup` is never
/// called: handles may live until the process exits, and the OS reclaims everything then.
enum CurlGlobal {
    /// The result of `curl_global_init(CURL_GLOBAL_DEFAULT)`; `CURLE_OK` when libcurl is ready.
    static let initialisation: CURLcode = ccurl_global_init_default()

    /// Runs the initialisation if it has not run yet and reports a failure as a transport error.
    static func ensureInitialised() throws {
        let code = initialisation
        guard code == CURLE_OK else {
            throw TransportError(.other, "libcurl could not be initialised (curl code \(code.rawValue))")
        }
    }
}

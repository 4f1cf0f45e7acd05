import CCurl
import PortalKernel

/// An owned `curl_slist` (request headers, SMTP recipients), freed when this object goes away.
///
/// libcurl does not copy lists, so keep the object alive until the transfer has finished
/// (`withExtendedLifetime`).
final class CurlStringList {
    /// The first node, or `nil` for an empty list.
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    /// Builds the list in order. Throws if libcurl runs out of memory.
    init(_ items: [String]) throws {
        for item in items {
            guard let extended = curl_slist_append(head, item) else {
                curl_slist_free_all(head)
                head = nil
                throw TransportError(.other, "libcurl could not allocate a list node")
            }
            head = extended
        }
    }

    deinit {
        curl_slist_free_all(head)
    }
}

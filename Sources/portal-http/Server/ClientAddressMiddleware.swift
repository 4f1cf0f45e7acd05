import Foundation
import HTTPTypes
import Hummingbird

/// Finds the client's address behind trusted reverse proxies.
///
/// The peer of the connection is the client unless it is one of `http.trusted_proxies`; then
/// `X-Forwarded-For` is read from the right (the entry the nearest proxy appended) and the first
/// address that is not itself a trusted proxy is the client. Entries further left were written
/// by the client and are never believed. The address feeds the sign-in throttle and the audit
/// trail, so without this every client behind a proxy would share one address.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, let peer = context.remoteAddress, trustedProxies.contains(peer.lowercased()) else {
            return try await next(request, context)
        }
        var context = context
        context.remoteAddress = Self.client(forwardedFor: request.headers[values: Self.forwardedFor], peer: peer, trusted: trustedProxies)
        return try await next(request, context)
    }

    /// The client address from `X-Forwarded-For` values (one header or several), or `peer`.
    static func client(forwardedFor values: [String], peer: String, trusted: Set<String>) -> String {
        let hops = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !hop.isEmpty {
            if !trusted.contains(hop.lowercased()) { return String(hop.prefix(64)) }
        }
        return peer
    }
}

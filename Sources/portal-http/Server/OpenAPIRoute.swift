import Foundation
import Hummingbird
import PortalKernel

/// Serves the OpenAPI 3.1 document of the JSON API at `GET /api/v1/openapi.json`, to anyone.
///
/// The document is `Resources/openapi.json`, copied into this module's bundle. It is read once,
/// on first use, and served byte for byte. `OpenAPIAgreementTests` keeps it honest: the
/// operations it lists must be exactly the routes ``APIRoutes`` registers.
///
/// ```swift
/// let router = Router(context: PortalRequestContext.self)
/// OpenAPIRoute.register(on: router)
/// ```
struct OpenAPIRoute {
    /// The path the document is served at.
    static let path = "api/v1/openapi.json"

    /// Adds `GET /api/v1/openapi.json`. It needs no principal, so it belongs outside any
    /// authenticating group.
    static func register(on router: Router<PortalRequestContext>) {
        router.get(RouterPath(path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: try document())))
        }
    }

    /// The document's bytes, exactly as shipped.
    /// - Throws: `internal` when the resource is missing from the bundle or unreadable (a broken build).
    static func document() throws -> [UInt8] {
        try loaded.get()
    }

    /// Read on first use and kept: the file never changes while the process runs.
    private static let loaded: Result<[UInt8], any Error> = Result {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw PortalError.internal(debugDetail: "openapi.json is missing from the PortalHTTP bundle.")
        }
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw PortalError.internal(debugDetail: "openapi.json could not be read: \(error)")
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Prometheus
import Testing

@Suite("Probes, metrics and the error shape")
struct OperationsRoutesTests {
    struct ErrorShape: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
            let field: String?
        }
        let error: Detail
    }

    static let requestID = HTTPField.Name("X-Request-Id")!

    func withRouter(
        postgres: Bool = false, migrate: Bool = true, metrics: PrometheusCollectorRegistry? = nil,
        _ body: @escaping @Sendable (any TestClientProtocol, TestInstallation) async throws -> Void
    ) async throws {
        let installation = try await TestInstallation.make(postgres: postgres, migrate: migrate)
        let router = PortalHTTPServer.makeRouter(assembled: installation.assembled, metrics: metrics)
        let app = Application(router: router, logger: Logger(label: "test"))
        do {
            try await app.test(.router) { client in try await body(client, installation) }
        } catch {
            await installation.tearDown()
            throw error
        }
        await installation.tearDown()
    }

    @Test("/healthz answers without touching the database and carries a request id")
    func healthz() async throws {
        try await withRouter { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                #expect(response.headers[Self.requestID]?.isEmpty == false)
            }
        }
    }

    @Test("a safe incoming X-Request-Id is kept; an unsafe one is replaced")
    func requestIDs() async throws {
        try await withRouter { client, _ in
            try await client.execute(uri: "/healthz", method: .get, headers: [Self.requestID: "edge-42.abc"]) { response in
                #expect(response.headers[Self.requestID] == "edge-42.abc")
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [Self.requestID: "bad id;x"]) { response in
                #expect(response.headers[Self.requestID] != "bad id;x")
                #expect(response.headers[Self.requestID]?.isEmpty == false)
            }
        }
    }

    @Test(
        "/readyz is 503 while migrations are pending, 200 once applied, 503 when the database is gone",
        arguments: [false, true])
    func readyz(postgres: Bool) async throws {
        try await withRouter(postgres: postgres, migrate: false) { client, installation in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let shape = try JSONDecoder().decode(ErrorShape.self, from: Data(String(buffer: response.body).utf8))
                #expect(shape.error.code == "unavailable")
                #expect(shape.error.message.contains("migration"))
            }
            let portal = installation.assembled.portal
            try await portal.migrator.migrate(portal.database)
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""status":"ready""#))
            }
            await portal.database.close()
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let shape = try JSONDecoder().decode(ErrorShape.self, from: Data(String(buffer: response.body).utf8))
                #expect(shape.error.code == "unavailable")
            }
        }
    }

    @Test("/metrics serves the Prometheus text format")
    func metrics() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(name: "portal_test_total").increment(by: Int64(3))
        try await withRouter(metrics: registry) { client, _ in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(String(buffer: response.body).contains("portal_test_total 3"))
            }
        }
    }

    @Test("unknown routes get the JSON error shape with not_found")
    func notFound() async throws {
        try await withRouter { client, _ in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let shape = try JSONDecoder().decode(ErrorShape.self, from: Data(String(buffer: response.body).utf8))
                #expect(shape.error.code == "not_found")
            }
        }
    }

    @Test("bodies over http.max_body_bytes are refused with 413 and too_large")
    func bodyLimit() async throws {
        try await withRouter { client, _ in
            let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 5000)
            try await client.execute(uri: "/api/v1", method: .post, headers: [.contentType: "application/json"], body: body) {
                response in
                #expect(response.status == .contentTooLarge)
                let shape = try JSONDecoder().decode(ErrorShape.self, from: Data(String(buffer: response.body).utf8))
                #expect(shape.error.code == "too_large")
            }
        }
    }

    @Test("/api/v1 describes the service")
    func apiRoot() async throws {
        try await withRouter { client, _ in
            try await client.execute(uri: "/api/v1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"api_version":"v1","database":"sqlite","name":"portal"}"#)
            }
        }
    }
}

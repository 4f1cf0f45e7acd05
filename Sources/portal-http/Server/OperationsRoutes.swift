import Hummingbird
import Logging
import PortalAssembly
import PortalKernel
import Prometheus

/// Probes and metrics for orchestrators and monitoring.
///
/// - `GET /healthz`: the process is alive (never touches the database).
/// - `GET /readyz`: the database answers; 503 with the error shape when it does not.
/// - `GET /metrics`: Prometheus text format.
struct OperationsRoutes {
    let assembled: AssembledPortal
    let metrics: PrometheusCollectorRegistry?

    struct Health: Encodable { let status: String }

    struct Readiness: Encodable {
        let status: String
        let database: String
        let pendingMigrations: Int
    }

    func register(on router: Router<PortalRequestContext>) {
        router.get("healthz") { _, _ in
            try JSONResponse.make(Health(status: "ok"))
        }
        router.get("readyz") { _, _ in
            let portal = assembled.portal
            do {
                try await portal.database.ping()
            } catch {
                throw PortalError.unavailable("The database is not reachable.", debugDetail: "\(error)")
            }
            let status: MigrationStatus
            do {
                status = try await portal.migrator.status(on: portal.database)
            } catch {
                throw PortalError.unavailable("The database schema could not be read.", debugDetail: "\(error)")
            }
            guard status.unknown.isEmpty else {
                throw PortalError.unavailable("The database was migrated by a newer Portal (\(status.unknown.joined(separator: ", "))).")
            }
            guard status.pending.isEmpty else {
                throw PortalError.unavailable("\(status.pending.count) database migration(s) are pending; run portal-cli migrate.")
            }
            return try JSONResponse.make(
                Readiness(status: "ready", database: assembled.configuration.database.pluginName, pendingMigrations: 0))
        }
        router.get("metrics") { _, _ in
            let text = metrics?.emitToBuffer() ?? []
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}

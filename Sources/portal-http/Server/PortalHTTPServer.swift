import Hummingbird
import Logging
import PortalAssembly
import PortalKernel
import Prometheus
import ServiceLifecycle

/// The HTTP front end: builds the router and the application around an assembled kernel.
public enum PortalHTTPServer {
    /// The router with every route and middleware. Tests drive it in-process.
    public static func makeRouter(assembled: AssembledPortal, metrics: PrometheusCollectorRegistry?) -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ClientAddressMiddleware(trustedProxies: assembled.configuration.http.trustedProxies))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBodyBytes: assembled.configuration.http.maxBodyBytes))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: RequestLogMiddleware())
        OperationsRoutes(assembled: assembled, metrics: metrics).register(on: router)
        APIRoutes(assembled: assembled).register(on: router)
        return router
    }

    /// Every operation of the JSON API (`GET /api/v1/companies/{id}`, …), from the same table
    /// the router is built from. The OpenAPI document must describe exactly these.
    public static func apiRouteList() -> [APIRouteDescriptor] {
        APIRoutes.table.map(\.descriptor)
    }

    /// The application: the server plus, unless `jobs.in_process` is off, the job workers.
    /// It shuts down gracefully on SIGTERM and SIGINT when run with `runService()`.
    public static func makeApplication(
        assembled: AssembledPortal,
        metrics: PrometheusCollectorRegistry?,
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let configuration = assembled.configuration
        var services: [any Service] = []
        if configuration.jobs.inProcess {
            let portal = assembled.portal
            let worker = JobWorker(
                queue: portal.jobs, handlers: portal.jobHandlers, workerID: WorkerIdentity.make(role: "http"),
                configuration: configuration.jobs.worker, logger: logger)
            services.append(JobWorkerService(worker: worker))
        }
        return Application(
            router: makeRouter(assembled: assembled, metrics: metrics),
            configuration: .init(
                address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "portal"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.http.port) },
            logger: logger)
    }

    /// Migrates (unless `http.migrate_on_start` is off), schedules kernel maintenance and serves
    /// until SIGTERM or SIGINT, then shuts down gracefully and closes the database.
    public static func run(assembled: AssembledPortal, metrics: PrometheusCollectorRegistry?, logger: Logger) async throws {
        let portal = assembled.portal
        do {
            if assembled.configuration.http.migrateOnStart {
                let applied = try await portal.migrator.migrate(portal.database)
                if !applied.isEmpty { logger.notice("Applied migrations", metadata: ["ids": .string(applied.joined(separator: ","))]) }
            }
        } catch {
            await assembled.shutdown()
            throw error
        }
        do {
            try await JobMaintenance(queue: portal.jobs, clock: portal.clock).schedule(after: portal.clock.now())
            try await BillingDailyJob.schedule(jobs: portal.jobs, at: portal.clock.now())
        } catch {
            // Not fatal: /readyz reports the database, and the next start or run schedules it.
            logger.warning("Could not schedule job maintenance and the daily billing job", metadata: ["error": "\(PortalError.wrapping(error))"])
        }
        let app = makeApplication(assembled: assembled, metrics: metrics, logger: logger) { port in
            let host = assembled.configuration.http.host
            logger.notice("Portal is serving on http://\(host):\(port) (database: \(assembled.configuration.database))")
        }
        do {
            try await app.runService()
        } catch {
            await assembled.shutdown()
            throw error
        }
        await assembled.shutdown()
    }
}

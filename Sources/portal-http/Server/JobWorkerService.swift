import Logging
import PortalKernel
import ServiceLifecycle

/// Runs a ``JobWorker`` as a lifecycle service inside the server, stopping it (after the jobs in
/// hand finish) on graceful shutdown.
struct JobWorkerService: Service {
    let worker: JobWorker

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await worker.run()
        }
        // A worker with nothing to run returns at once; that must not end the server.
        try? await gracefulShutdown()
    }
}

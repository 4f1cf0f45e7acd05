import Foundation
import Logging
import Metrics
import PortalAssembly
import PortalHTTP
import PortalKernel
import Prometheus

// The server executable: bootstrap logging and metrics (only executables do), load the
// configuration, assemble the kernel, serve.
let environment = ProcessInfo.processInfo.environment
let registry = BuiltInPlugins.registry()
let arguments = CommandLine.arguments
if arguments.contains("--help") || arguments.contains("-h") {
    print("usage: portal-http [--config FILE]\nConfiguration: see README.md (PORTAL_* environment variables, portal.json).")
    exit(0)
}
let configPath = arguments.firstIndex(of: "--config").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
let configuration: PortalConfiguration
do {
    configuration = try PortalConfiguration.load(filePath: configPath, environment: environment, registry: registry)
} catch let error as PortalError {
    FileHandle.standardError.write(Data("portal-http: configuration error: \(error)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("portal-http: configuration error: \(error)\n".utf8))
    exit(2)
}

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = configuration.logLevel
    return handler
}
let metrics = PrometheusCollectorRegistry()
MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))

var logger = Logger(label: "portal.http")
logger.logLevel = configuration.logLevel
do {
    let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: logger)
    try await PortalHTTPServer.run(assembled: assembled, metrics: metrics, logger: logger)
} catch {
    let failure = PortalError.wrapping(error)
    logger.critical("Portal stopped: \(failure)", metadata: ["detail": .string(failure.debugDetail ?? "-")])
    exit(1)
}

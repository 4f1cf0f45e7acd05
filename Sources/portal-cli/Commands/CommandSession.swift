import ArgumentParser
import Foundation
import Logging
import PortalAssembly
import PortalKernel

/// Loads configuration, assembles the kernel, runs a command body and turns its outcome into
/// output and an exit status. Every command goes through here, so errors look the same everywhere.
struct CommandSession {
    let options: GlobalOptions
    let output: Output

    init(_ options: GlobalOptions) {
        self.options = options
        self.output = Output(json: options.json)
    }

    /// Loads and validates configuration without connecting to anything.
    func loadConfiguration(registry: PluginRegistry) throws -> PortalConfiguration {
        try PortalConfiguration.load(
            filePath: options.config, environment: ProcessInfo.processInfo.environment, overrides: options.overrides,
            registry: registry)
    }

    /// Runs `body` with configuration only.
    func run(_ body: (PortalConfiguration, PluginRegistry) async throws -> Void) async throws {
        do {
            let registry = BuiltInPlugins.registry()
            try await body(try loadConfiguration(registry: registry), registry)
        } catch {
            throw report(error)
        }
    }

    /// Runs `body` with an assembled kernel, shutting it down afterwards.
    func withPortal(_ body: (AssembledPortal, Logger) async throws -> Void) async throws {
        do {
            let registry = BuiltInPlugins.registry()
            let configuration = try loadConfiguration(registry: registry)
            var logger = Logger(label: "portal.cli")
            // Operators read command output, so routine progress stays quiet unless log.level asks for it.
            logger.logLevel = configuration.source.origins["log.level"] == .default ? .notice : configuration.logLevel
            let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: logger)
            do {
                try await body(assembled, logger)
                await assembled.shutdown()
            } catch {
                await assembled.shutdown()
                throw error
            }
        } catch {
            throw report(error)
        }
    }

    /// Prints `error` to standard error (as the JSON error shape with `--json`) and returns the exit to throw.
    private func report(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit { return error }
        if let validation = error as? ValidationError { return validation }
        let portalError = PortalError.wrapping(error)
        output.error(portalError)
        return ExitCode(ExitStatus.code(for: portalError))
    }
}

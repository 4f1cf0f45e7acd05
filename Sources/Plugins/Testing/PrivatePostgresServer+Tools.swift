import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PrivatePostgresServer {
    /// The PostgreSQL programs and how to run them (as the `postgres` user when running as root).
    struct Tools: Sendable {
        /// What a finished command reported.
        struct Outcome: Sendable {
            let status: Int32
            let output: String
        }

        /// The directory holding `initdb`, `pg_ctl`, `postgres` and `psql`.
        let binDirectory: String
        /// The OS user to run the server as, when the process runs as root.
        let serverUser: String?
        /// `runuser`, when the server runs as another user.
        let runuser: String?

        func binary(_ name: String) -> String { binDirectory + "/" + name }

        /// Finds the PostgreSQL binaries (and `runuser` when running as root).
        static func locate() throws -> Tools {
            let files = FileManager.default
            var candidates: [String] = []
            if let configured = ProcessInfo.processInfo.environment["PORTAL_PG_BINDIR"] {
                candidates.append(configured)
            }
            let versions = (try? files.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
            candidates += versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
            candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            guard let binDirectory = candidates.first(where: { files.isExecutableFile(atPath: $0 + "/initdb") }) else {
                throw PortalError.unavailable(
                    "PostgreSQL server binaries were not found.",
                    debugDetail: "looked for initdb in \(candidates); set PORTAL_PG_BINDIR")
            }
            guard geteuid() == 0 else { return Tools(binDirectory: binDirectory, serverUser: nil, runuser: nil) }
            guard
                let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
                    .first(where: files.isExecutableFile(atPath:))
            else {
                throw PortalError.unavailable(
                    "PostgreSQL refuses to run as root and runuser was not found.", debugDetail: "no runuser")
            }
            return Tools(binDirectory: binDirectory, serverUser: "postgres", runuser: runuser)
        }

        /// Runs a program to completion without blocking the caller's thread.
        func run(_ executable: String, _ arguments: [String], asServerUser: Bool, in directory: String) async throws
            -> Outcome
        {
            let (process, output) = try prepare(executable, arguments, asServerUser: asServerUser, in: directory)
            do {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    process.terminationHandler = { _ in continuation.resume() }
                    do {
                        try process.run()
                    } catch {
                        process.terminationHandler = nil
                        continuation.resume(throwing: error)
                    }
                }
            } catch {
                _ = finish(nil, output)
                throw PortalError.unavailable("Could not run \(executable).", debugDetail: "\(error)")
            }
            return finish(process, output)
        }

        /// Runs a program to completion, blocking (for shutdown paths such as `atexit`).
        func runAndWait(_ executable: String, _ arguments: [String], asServerUser: Bool, in directory: String)
            -> Outcome?
        {
            guard let (process, output) = try? prepare(executable, arguments, asServerUser: asServerUser, in: directory)
            else { return nil }
            guard (try? process.run()) != nil else {
                _ = finish(nil, output)
                return nil
            }
            process.waitUntilExit()
            return finish(process, output)
        }

        /// A process running `executable`, through `runuser` when it must run as the server user.
        func process(_ executable: String, _ arguments: [String], asServerUser: Bool, in directory: String) -> Process {
            let process = Process()
            if asServerUser, let serverUser, let runuser {
                process.executableURL = URL(fileURLWithPath: runuser)
                process.arguments = ["-u", serverUser, "--", executable] + arguments
            } else {
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
            }
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            return process
        }

        /// A configured process whose output goes to a temporary file (never a pipe, which a
        /// process the command leaves behind could hold open).
        private func prepare(_ executable: String, _ arguments: [String], asServerUser: Bool, in directory: String)
            throws -> (Process, Output)
        {
            let process = process(executable, arguments, asServerUser: asServerUser, in: directory)
            let outputFile = URL(fileURLWithPath: NSTemporaryDirectory())
                .appendingPathComponent("portal-pg-command-\(UUID().uuidString).log")
            guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
                throw PortalError.unavailable("Could not create a temporary file.", debugDetail: outputFile.path)
            }
            let handle = try FileHandle(forWritingTo: outputFile)
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            return (process, Output(file: outputFile, handle: handle))
        }

        /// Where a command's output is collected.
        private struct Output {
            let file: URL
            let handle: FileHandle
        }

        /// Collects the output of a finished (or never started) command and cleans up.
        private func finish(_ process: Process?, _ output: Output) -> Outcome {
            try? output.handle.close()
            let text = (try? String(contentsOf: output.file, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: output.file)
            guard let process, !process.isRunning else { return Outcome(status: -1, output: text) }
            return Outcome(status: process.terminationStatus, output: text)
        }
    }
}

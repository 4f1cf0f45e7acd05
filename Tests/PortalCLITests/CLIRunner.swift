import Foundation

/// Runs the built `portal-cli` binary as an operator would, capturing its output and exit status.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let environment: [String: String]

    /// The `portal-cli` built beside the test bundle (whatever `--scratch-path` the build used),
    /// or the one `PORTAL_CLI_EXECUTABLE` names.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["PORTAL_CLI_EXECUTABLE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("portal-cli").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("portal-cli")
    }

    func run(_ arguments: String...) throws -> Result {
        try run(arguments, stdin: nil)
    }

    /// Runs the CLI with `arguments`, writing `stdin` (when given) to its standard input.
    func run(_ arguments: [String], stdin: String?) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PORTAL_") }
        environment.merge(self.environment) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

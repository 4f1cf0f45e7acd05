import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#endif

/// A program the benchmark starts and measures: how long it ran, how much memory it held at
/// its peak, and how much it holds now (`VmRSS` in `/proc/<pid>/status`).
///
/// The peak is the program's own high-water mark, `VmHWM` in `/proc/<pid>/status`, read every
/// 20 ms while it runs (the mark only rises, so the last reading before it exits is its peak but
/// for growth in its last 20 ms). `ru_maxrss` from `wait4` cannot be used: Linux folds the
/// parent's resident size at the moment of `fork`/`vfork` into the child's, so a child of a
/// benchmark holding a large data set would report the benchmark's memory.
public final class ChildProcess: @unchecked Sendable {
    /// How a finished program ended.
    public struct Exit: Sendable {
        public var status: Int32
        public var seconds: Double
        /// Peak resident memory in bytes (`VmHWM`, sampled every 20 ms; 0 for a program that
        /// ended before the first sample).
        public var peakResidentBytes: Int
        public var output: String
        public var errorOutput: String
    }

    public let pid: pid_t
    public let executable: String
    private let started: ContinuousClock.Instant
    private let outputPath: String
    private let errorPath: String
    private var exited = false
    private var highWaterBytes = 0
    private let lock = NSLock()

    /// Starts `executable` with `arguments` and exactly `environment`; standard output and error
    /// go to temporary files read back by ``wait()``.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        let directory = NSTemporaryDirectory()
        let name = "portal-bench-\(getpid())-\(UUID().uuidString.prefix(8))"
        outputPath = directory + name + ".out"
        errorPath = directory + name + ".err"
        self.executable = executable

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        started = ContinuousClock.now
        let result = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            throw PortalError.unavailable("Could not start \(executable): \(String(cString: strerror(result))).")
        }
        pid = child
        Thread.detachNewThread { [self] in watchHighWater() }
    }

    /// Reads the program's high-water mark until it has been waited for.
    private func watchHighWater() {
        while true {
            let reading = Self.statusField("VmHWM", pid: pid)
            let done = lock.withLock {
                if let reading { highWaterBytes = max(highWaterBytes, reading) }
                return exited
            }
            if done { return }
            usleep(20_000)
        }
    }

    /// A `kB` field of `/proc/<pid>/status`, in bytes.
    private static func statusField(_ name: String, pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// Seconds since the program started.
    public var elapsedSeconds: Double { (ContinuousClock.now - started).seconds }

    /// The program's resident memory now, in bytes (nil once it has exited).
    public func residentBytes() -> Int? { Self.statusField("VmRSS", pid: pid) }

    /// Sends `signal` (SIGTERM by default) unless the program has already been waited for.
    public func signal(_ signal: Int32 = SIGTERM) {
        lock.withLock {
            if !exited { kill(pid, signal) }
        }
    }

    /// Waits for the program to end, off the cooperative pool, and returns how it ended.
    public func wait() async throws -> Exit {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try self.waitBlocking() })
            }
        }
    }

    private func waitBlocking() throws -> Exit {
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(pid, &status, 0)
        } while result == -1 && errno == EINTR
        let seconds = elapsedSeconds
        let peak = lock.withLock {
            exited = true
            return highWaterBytes
        }
        guard result == pid else { throw PortalError.unavailable("wait4 failed for \(executable).") }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let errorOutput = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
        // Exit code, or 128 + signal like a shell.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Exit(
            status: code, seconds: seconds, peakResidentBytes: peak, output: output,
            errorOutput: errorOutput)
    }

    /// Runs a program to its end.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> Exit {
        try await ChildProcess(executable, arguments, environment: environment).wait()
    }

    /// The full path of `program` on `PATH`, or nil.
    public static func find(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

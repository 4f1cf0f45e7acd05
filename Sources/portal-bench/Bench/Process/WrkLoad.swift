import Foundation
import PortalKernel

/// Load from `wrk` (Debian's package): GET requests over a list of paths, each with its own
/// bearer token, picked at random (with a fixed seed per wrk thread, so runs are comparable).
///
/// The script's `done` hook prints one JSON line with wrk's own counts and latency
/// percentiles, so nothing depends on the layout of wrk's human-readable report.
public struct WrkLoad: Sendable {
    /// One request target.
    public struct Target: Sendable {
        public var path: String
        public var bearerToken: String?

        public init(path: String, bearerToken: String? = nil) {
            self.path = path
            self.bearerToken = bearerToken
        }
    }

    /// What wrk measured.
    public struct Result: Sendable, Codable {
        public var requests: Int
        public var seconds: Double
        public var requestsPerSecond: Double
        /// Latencies in milliseconds.
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        /// Socket errors plus responses that were not 2xx or 3xx.
        public var errors: Int
    }

    public var connections: Int
    public var threads: Int
    public var seconds: Int

    public init(connections: Int = 32, threads: Int = 2, seconds: Int = 20) {
        self.connections = connections
        self.threads = threads
        self.seconds = seconds
    }

    /// Runs wrk against `127.0.0.1:port` over `targets`.
    public func run(port: Int, targets: [Target]) async throws -> Result {
        guard let wrk = ChildProcess.find("wrk") else {
            throw PortalError.unavailable("wrk is not installed (Debian package 'wrk'; `make bench` installs it).")
        }
        let script = NSTemporaryDirectory() + "portal-bench-\(UUID().uuidString.prefix(8)).lua"
        try Self.script(for: targets).write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let exit = try await ChildProcess.run(
            wrk,
            ["-t", String(threads), "-c", String(connections), "-d", "\(seconds)s", "--timeout", "10s", "-s", script,
             "http://127.0.0.1:\(port)"],
            environment: ProcessInfo.processInfo.environment)
        guard exit.status == 0, let line = exit.output.split(separator: "\n").last(where: { $0.hasPrefix("{\"requests\"") })
        else {
            throw PortalError.unavailable("wrk failed.", debugDetail: exit.output + exit.errorOutput)
        }
        return try Self.parse(String(line))
    }

    /// Parses the script's JSON line.
    static func parse(_ line: String) throws -> Result {
        struct Line: Decodable {
            let requests: Int
            let durationMicroseconds: Double
            let p50Microseconds: Double
            let p99Microseconds: Double
            let errors: Int
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let line = try decoder.decode(Line.self, from: Data(line.utf8))
        let seconds = line.durationMicroseconds / 1e6
        return Result(
            requests: line.requests, seconds: seconds, requestsPerSecond: seconds > 0 ? Double(line.requests) / seconds : 0,
            p50Milliseconds: line.p50Microseconds / 1e3, p99Milliseconds: line.p99Microseconds / 1e3, errors: line.errors)
    }

    /// The Lua script: the targets as tables, a seeded random pick per request, a JSON summary.
    static func script(for targets: [Target]) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lua = "local paths = {\n"
        for target in targets { lua += "  \(quoted(target.path)),\n" }
        lua += "}\nlocal tokens = {\n"
        for target in targets { lua += "  \(quoted(target.bearerToken ?? "")),\n" }
        lua += """
            }
            local counter = 0
            function setup(thread)
              counter = counter + 1
              thread:set("seed", counter)
            end
            function init(args)
              math.randomseed(seed * 7919)
            end
            function request()
              local i = math.random(#paths)
              local headers = {}
              if tokens[i] ~= "" then headers["Authorization"] = "Bearer " .. tokens[i] end
              return wrk.format("GET", paths[i], headers)
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format(
                '{"requests":%d,"duration_microseconds":%d,"p50_microseconds":%d,"p99_microseconds":%d,"errors":%d}\\n',
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
                e.connect + e.read + e.write + e.status + e.timeout))
            end

            """
        return lua
    }
}

import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#endif

/// The release `portal-http` binary, started on a free loopback port against the benchmark's
/// database, with how long it took to become ready.
public final class ServerUnderTest: Sendable {
    public let port: Int
    /// Seconds from starting the process until `/readyz` first answered 200 (the database too).
    public let startupSeconds: Double
    private let process: ChildProcess

    private init(port: Int, startupSeconds: Double, process: ChildProcess) {
        self.port = port
        self.startupSeconds = startupSeconds
        self.process = process
    }

    /// Starts the server and waits until it is ready (at most `timeout` seconds).
    public static func start(binary: String, environment: [String: String], timeout: Double = 60) async throws -> ServerUnderTest {
        let port = try freePort()
        var environment = environment
        environment["PORTAL_HTTP_HOST"] = "127.0.0.1"
        environment["PORTAL_HTTP_PORT"] = String(port)
        let process = try ChildProcess(binary, [], environment: environment)
        while process.elapsedSeconds < timeout {
            if LoopbackHTTPConnection.answers(port: port, path: "/readyz") {
                return ServerUnderTest(port: port, startupSeconds: process.elapsedSeconds, process: process)
            }
            if kill(process.pid, 0) != 0 { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        process.signal(SIGKILL)
        let exit = try await process.wait()
        throw PortalError.unavailable(
            "portal-http did not become ready.", debugDetail: String(exit.errorOutput.suffix(2_000)))
    }

    /// Resident memory of the server process now, in bytes.
    public func residentBytes() -> Int { process.residentBytes() ?? 0 }

    /// Stops the server (SIGTERM, a graceful shutdown) and waits for it.
    public func stop() async throws {
        process.signal(SIGTERM)
        _ = try await process.wait()
    }

    /// A loopback port nobody listens on right now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(descriptor, pointer, length) == 0 else { return -1 }
                return getsockname(descriptor, pointer, &length)
            }
        }
        guard bound == 0 else { throw PortalError.unavailable("No free loopback port.") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

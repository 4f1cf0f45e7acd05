import PortalCurl
import PortalKernel
import PortalTesting
import Testing

/// Exchanges that produce no complete response throw ``TransportError`` of the right kind.
@Suite("CurlHTTPTransport failures")
struct CurlHTTPTransportFailureTests {
    let transport = CurlHTTPTransport(logger: TestSupport.logger)

    @Test func responseLargerThanTheLimitFails() async throws {
        let limited = CurlHTTPTransport(configuration: .init(maxResponseBytes: 1 << 20), logger: TestSupport.logger)
        let body = TestSupport.pattern(count: 2 << 20)
        let server = try LoopbackHTTPServer { request in
            ScriptedHTTPResponse(
                body: request.path == "/small" ? Array(body.prefix(1 << 20)) : body, chunked: request.path == "/chunked"
            )
        }
        defer { server.stop() }

        // With Content-Length libcurl refuses up front; chunked, the body callback stops it.
        for path in ["/sized", "/chunked"] {
            let error = await #expect(throws: TransportError.self) {
                try await limited.send(HTTPRequest(url: server.url(path)))
            }
            #expect(error?.kind == .other)
            #expect(error?.message.contains("limit of 1048576 bytes") == true)
        }

        let fits = try await limited.send(HTTPRequest(url: server.url("/small")))
        #expect(fits.body.count == 1 << 20)  // exactly at the limit is accepted
    }

    @Test func slowServerTimesOut() async throws {
        let server = try LoopbackHTTPServer { _ in ScriptedHTTPResponse(body: Array("late".utf8), delay: .seconds(180)) }
        defer { server.stop() }
        let clock = ContinuousClock()
        let started = clock.now

        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: server.url("/slow"), timeout: .milliseconds(300)))
        }

        #expect(error?.kind == .timeout)
        #expect(error?.isRetryable == true)
        // Long before the server would have answered, with room for a heavily loaded machine.
        #expect(clock.now - started < .seconds(120))
    }

    @Test func nothingListeningIsAConnectFailure() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:1/", timeout: .seconds(5)))
        }
        #expect(error?.kind == .connect)
    }

    @Test func unknownHostIsAResolveFailure() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "https://payments.portal-test.invalid/v1", timeout: .seconds(10)))
        }
        #expect(error?.kind == .resolve)
    }

    @Test(arguments: ["ftp://127.0.0.1/file", "file:///etc/passwd", "127.0.0.1/no-scheme", "http://", "http://exa mple.com/"])
    func unusableURLsAreInvalidRequests(url: String) async throws {
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: url))
        }
        #expect(error?.kind == .invalidRequest)
    }

    @Test func headerValuesWithLineBreaksAreRefused() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:1/", headers: ["X-Evil": "a\r\nInjected: yes"]))
        }
        #expect(error?.kind == .invalidRequest)
    }

    @Test func messagesNeverContainCredentialsOrQueries() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(
                HTTPRequest(url: "http://user:hunter2@portal-test.invalid/charge?api_key=sk_live_123", timeout: .seconds(10))
            )
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(error?.kind == .resolve)
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("sk_live_123"))
        #expect(!text.contains("user:"))
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try LoopbackHTTPServer { _ in ScriptedHTTPResponse(delay: .seconds(180)) }
        defer { server.stop() }
        let transport = self.transport
        let clock = ContinuousClock()
        let started = clock.now

        let task = Task { try await transport.send(HTTPRequest(url: server.url("/forever"), timeout: .seconds(180))) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()

        await #expect(throws: CancellationError.self) { try await task.value }
        // Long before the server would answer or the request would time out (libcurl polls the
        // progress callback about once a second while idle); the margin is wide because a loaded
        // machine can delay the task by many seconds.
        #expect(clock.now - started < .seconds(90))
    }
}

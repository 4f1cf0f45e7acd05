import PortalCurl
import PortalKernel
import PortalTesting
import Testing

/// Successful exchanges: requests arrive as sent and responses come back whole.
@Suite("CurlHTTPTransport exchanges")
struct CurlHTTPTransportTests {
    let transport = CurlHTTPTransport(logger: TestSupport.logger)

    @Test func getSendsHeadersAndQueryAndReturnsFinalHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer { request in
            ScriptedHTTPResponse(
                status: 200, headers: ["X-Reply": "yes", "Set-Cookie": "a=1", "set-cookie": "b=2"],
                body: Array("hello \(request.path)".utf8)
            )
        }
        defer { server.stop() }

        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer token-123")
        headers.add("X-Trace", "abc")
        let response = try await transport.send(HTTPRequest(url: server.url("/v1/things?limit=3&q=a%20b"), headers: headers))

        #expect(response.status == 200)
        #expect(response.bodyText == "hello /v1/things")
        #expect(response.headers["x-reply"] == "yes")
        #expect(response.headers.values("Set-Cookie") == ["a=1", "b=2"])
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/v1/things?limit=3&q=a%20b")
        #expect(request.headers["Authorization"] == "Bearer token-123")
        #expect(request.headers["X-Trace"] == "abc")
        #expect(request.headers["User-Agent"] == "portal/\(PortalCurlRelease.version)")
        #expect(request.body.isEmpty)
    }

    @Test func postSendsBodyAndContentType() async throws {
        let server = try LoopbackHTTPServer { request in .json(#"{"echo":\#(request.bodyText)}"#, status: 201) }
        defer { server.stop() }

        let body = Array(#"{"amount":1250,"currency":"ZAR"}"#.utf8)
        let response = try await transport.send(
            HTTPRequest(method: .post, url: server.url("/charges"), headers: ["Content-Type": "application/json"], body: body)
        )

        #expect(response.status == 201)
        #expect(response.bodyText == #"{"echo":{"amount":1250,"currency":"ZAR"}}"#)
        #expect(response.headers["Content-Type"] == "application/json")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.body == body)
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.headers["Content-Length"] == "\(body.count)")
    }

    @Test func otherMethodsUseTheirOwnVerb() async throws {
        let server = try LoopbackHTTPServer { request in .text("\(request.method) \(request.bodyText)") }
        defer { server.stop() }

        let put = try await transport.send(HTTPRequest(method: .put, url: server.url("/a"), body: Array("x=1".utf8)))
        let patch = try await transport.send(HTTPRequest(method: .patch, url: server.url("/a"), body: Array("y".utf8)))
        let delete = try await transport.send(HTTPRequest(method: .delete, url: server.url("/a")))
        let head = try await transport.send(HTTPRequest(method: .head, url: server.url("/a")))

        #expect(put.bodyText == "PUT x=1")
        #expect(patch.bodyText == "PATCH y")
        #expect(delete.bodyText == "DELETE ")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(server.requests.map(\.method) == ["PUT", "PATCH", "DELETE", "HEAD"])
        // Without an explicit type, libcurl's default form type must not be invented.
        #expect(server.requests[0].headers["Content-Type"] == nil)
    }

    @Test(arguments: [400, 404, 409, 422, 429, 500, 503])
    func errorStatusesAreResponses(status: Int) async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"error":"nope"}"#, status: status) }
        defer { server.stop() }

        let response = try await transport.send(HTTPRequest(url: server.url("/fails")))

        #expect(response.status == status)
        #expect(!response.isSuccess)
        #expect(response.bodyText == #"{"error":"nope"}"#)
    }

    @Test func largeBodiesTravelIntactBothWays() async throws {
        let upload = TestSupport.pattern(count: 5 << 20)
        let download = Array(TestSupport.pattern(count: (5 << 20) + 17).reversed())
        let server = try LoopbackHTTPServer { request in
            ScriptedHTTPResponse(headers: ["X-Final": "1"], body: request.body == upload ? download : [])
        }
        defer { server.stop() }

        let response = try await transport.send(
            HTTPRequest(
                method: .post, url: server.url("/upload"), headers: ["Content-Type": "application/octet-stream"], body: upload
            )
        )

        #expect(response.status == 200)
        #expect(response.body.count == download.count)
        #expect(response.body == download)
        #expect(server.requests.first?.body.count == upload.count)
        // libcurl asked with `Expect: 100-continue`; the interim response's lines were dropped.
        #expect(server.requests.first?.headers["Expect"] == "100-continue")
        #expect(response.headers.fields.map(\.name) == ["X-Final", "Content-Length"])
    }

    @Test func gzipResponsesAreDecoded() async throws {
        let text = String(repeating: "compressible text ", count: 500)
        let server = try LoopbackHTTPServer { _ in
            ScriptedHTTPResponse(headers: ["Content-Encoding": "gzip"], body: TestSupport.gzip(Array(text.utf8)))
        }
        defer { server.stop() }

        let response = try await transport.send(HTTPRequest(url: server.url("/zipped")))

        #expect(response.bodyText == text)
        #expect(server.requests.first?.headers["Accept-Encoding"]?.contains("gzip") == true)
    }

    @Test func chunkedResponsesAreJoined() async throws {
        let body = TestSupport.pattern(count: 100_000)
        let server = try LoopbackHTTPServer { _ in ScriptedHTTPResponse(body: body, chunked: true) }
        defer { server.stop() }

        let response = try await transport.send(HTTPRequest(url: server.url("/stream")))

        #expect(response.body == body)
    }

    @Test func redirectsAreFollowedOnlyWhenAsked() async throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/old": ScriptedHTTPResponse(status: 302, headers: ["Location": "/new", "X-Hop": "first"])
            default: ScriptedHTTPResponse(status: 200, headers: ["X-Final": "yes"], body: Array("arrived".utf8))
            }
        }
        defer { server.stop() }

        let stayed = try await transport.send(HTTPRequest(url: server.url("/old")))
        #expect(stayed.status == 302)
        #expect(stayed.headers["Location"] == "/new")
        #expect(server.requests.map(\.path) == ["/old"])

        let followed = try await transport.send(HTTPRequest(url: server.url("/old"), followRedirects: true))
        #expect(followed.status == 200)
        #expect(followed.bodyText == "arrived")
        #expect(followed.headers["X-Final"] == "yes")
        #expect(followed.headers["X-Hop"] == nil)  // only the final response's headers
        #expect(server.requests.map(\.path) == ["/old", "/old", "/new"])
    }

    @Test func concurrentRequestsAreAllAnsweredOverReusedConnections() async throws {
        let server = try LoopbackHTTPServer { request in .text("answer for \(request.path)") }
        defer { server.stop() }
        let transport = self.transport

        let answers = try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
            for index in 0..<50 {
                group.addTask { (index, try await transport.send(HTTPRequest(url: server.url("/item/\(index)")))) }
            }
            return try await group.reduce(into: [Int: HTTPResponse]()) { $0[$1.0] = $1.1 }
        }

        #expect(answers.count == 50)
        for (index, response) in answers {
            #expect(response.status == 200)
            #expect(response.bodyText == "answer for /item/\(index)")
        }
        #expect(server.requests.count == 50)
        // Four threads, each reusing its handle's kept-alive connection.
        #expect(server.acceptedConnections <= transport.configuration.threads)
    }
}

import Foundation
import PortalKernel
import PortalTesting
import Testing

/// The fakes themselves, driven byte by byte: the parts libcurl does not exercise.
@Suite("Loopback fakes")
struct LoopbackFakesTests {
    @Test func httpServerDecodesChunkedRequestBodiesAndKeepsTheConnection() throws {
        let server = try LoopbackHTTPServer { request in .text("got \(request.body.count): \(request.bodyText)") }
        defer { server.stop() }
        let client = try RawLoopbackClient(port: server.port)

        client.send("POST /upload?x=1 HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n")
        client.send("5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
        let first = client.read(until: "hello, world")
        client.send("GET /again HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        let second = client.read(until: "got 0: ")

        #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(first.contains("Content-Length: 20\r\n"))
        #expect(second.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(server.requests.map(\.target) == ["/upload?x=1", "/again"])
        #expect(server.requests.first?.query == "x=1")
        #expect(server.acceptedConnections == 1)
    }

    @Test func smtpSinkSpeaksAuthLoginAndUnstuffsDots() throws {
        let sink = try SMTPSink(credentials: ["mailer": "pw"])
        defer { sink.stop() }
        let client = try RawLoopbackClient(port: sink.port)
        let base64 = { (text: String) in Data(text.utf8).base64EncodedString() }

        #expect(client.readReply().hasPrefix("220 "))
        let ehlo = client.command("EHLO client.test")
        #expect(ehlo.contains("250-AUTH PLAIN LOGIN\r\n"))
        #expect(!ehlo.contains("STARTTLS"))
        #expect(client.command("MAIL FROM:<a@example.test>").hasPrefix("530 "))
        #expect(client.command("AUTH LOGIN").hasPrefix("334 "))
        #expect(client.command(base64("mailer")).hasPrefix("334 "))
        #expect(client.command(base64("pw")).hasPrefix("235 "))
        #expect(client.command("MAIL FROM:<a@example.test> SIZE=10").hasPrefix("250 "))
        #expect(client.command("RSET").hasPrefix("250 "))
        #expect(client.command("RCPT TO:<b@example.test>").hasPrefix("503 "))
        #expect(client.command("MAIL FROM:<a@example.test>").hasPrefix("250 "))
        #expect(client.command("RCPT TO:<b@example.test>").hasPrefix("250 "))
        #expect(client.command("NOOP").hasPrefix("250 "))
        #expect(client.command("DATA").hasPrefix("354 "))
        #expect(client.command("Subject: t\r\n\r\n..dot\r\nend\r\n.").hasPrefix("250 "))
        #expect(client.command("QUIT").hasPrefix("221 "))

        let message = try #require(sink.messages.first)
        #expect(message.text == "Subject: t\r\n\r\n.dot\r\nend\r\n")
        #expect(message.authenticatedUser == "mailer")
        #expect(message.clientName == "client.test")
        #expect(message.recipients == ["b@example.test"])
    }

    @Test func smtpSinkRefusesWrongPlainCredentials() throws {
        let sink = try SMTPSink(credentials: ["mailer": "pw"])
        defer { sink.stop() }
        let client = try RawLoopbackClient(port: sink.port)
        let response = Data("\0mailer\0nope".utf8).base64EncodedString()

        _ = client.readReply()
        _ = client.command("EHLO client.test")
        #expect(client.command("AUTH PLAIN \(response)").hasPrefix("535 "))
        #expect(client.command("AUTH CRAM-MD5").hasPrefix("504 "))
    }
}

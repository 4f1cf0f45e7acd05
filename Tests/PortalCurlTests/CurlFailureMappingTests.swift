import CCurl
import PortalKernel
import Testing

@testable import PortalCurl

/// The CURLcode → ``TransportError/Kind`` tables, including codes hard to provoke on loopback.
@Suite("libcurl failure mapping")
struct CurlFailureMappingTests {
    @Test(arguments: [
        (6, TransportError.Kind.resolve), (7, .connect), (28, .timeout), (35, .tls), (51, .tls), (58, .tls),
        (60, .tls), (77, .tls), (83, .tls), (90, .tls), (91, .tls), (52, .broken), (55, .broken), (56, .broken),
        (18, .broken), (1, .invalidRequest), (3, .invalidRequest), (63, .other), (47, .other),
    ])
    func httpCodes(code: Int, kind: TransportError.Kind) {
        #expect(CurlFailure.http(CURLcode(UInt32(code)), detail: "", limit: 10).kind == kind)
    }

    @Test func http09AnswerIsABrokenExchange() {
        let error = CurlFailure.http(CURLcode(1), detail: "Received HTTP/0.9 when not allowed", limit: 10)
        #expect(error.kind == .broken)
    }

    @Test(arguments: [
        (55, 550, TransportError.Kind.rejected),  // RCPT or MAIL refused (observed)
        (55, 451, .other),  // temporary refusal: retry later (observed)
        (55, 250, .broken),  // socket send failure mid-session
        (8, 554, .rejected),  // message refused after DATA (observed with 7.88.1)
        (8, 452, .other),
        (56, 554, .rejected),  // refusal, then the server hung up
        (56, 0, .broken),
        (67, 535, .rejected),  // credentials refused (observed)
        (67, 454, .other),  // temporary authentication failure
        (67, 0, .rejected),
        (64, 250, .tls),  // STARTTLS required but not offered (observed)
        (7, 0, .connect), (28, 250, .timeout), (6, 0, .resolve),
    ])
    func smtpCodes(code: Int, reply: Int, kind: TransportError.Kind) {
        #expect(CurlFailure.smtp(CURLcode(UInt32(code)), reply: reply, detail: "").kind == kind)
    }

    @Test func scrubRemovesSecrets() {
        let text = CurlFailure.scrub("failed for user:pw at /pay?key=1", removing: ["user:pw", "/pay?key=1", ""])
        #expect(text == "failed for [redacted] at [redacted]")
    }

    @Test func durationsBecomePositiveMilliseconds() {
        #expect(Duration.milliseconds(300).curlMilliseconds == 300)
        #expect(Duration.microseconds(1).curlMilliseconds == 1)
        #expect(Duration.zero.curlMilliseconds == 1)
        #expect(Duration.seconds(-5).curlMilliseconds == 1)
        #expect(Duration.seconds(2).curlMilliseconds == 2_000)
    }
}

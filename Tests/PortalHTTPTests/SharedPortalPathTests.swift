import Testing

@testable import PortalHTTP

@Suite("Shared portal paths in logs")
struct SharedPortalPathTests {
    @Test func tokensAreRedactedAndOtherPathsKept() {
        #expect(SharedPortalPath.redacted("/api/v1/shared/portal/pl_AAAA.BBBB") == "/api/v1/shared/portal/[redacted]")
        #expect(SharedPortalPath.redacted("/api/v1/engagements/42/portal") == "/api/v1/engagements/42/portal")
    }
}

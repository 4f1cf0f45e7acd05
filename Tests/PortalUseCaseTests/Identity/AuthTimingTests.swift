import PortalBcrypt
import Testing

@testable import PortalKernel

@Suite("Sign-in timing")
struct AuthTimingTests {
    /// An unknown email is checked against a fixed hash: it must be a real bcrypt hash at the
    /// default cost, or the check would return at once and the timing would tell.
    @Test func theDummyHashIsARealBcryptHashAtTheDefaultCost() async throws {
        let hasher = try BcryptPasswordHasher(cost: BcryptPasswordHasher.defaultCost, pool: IdentityFixture.hashingPool)
        #expect(!hasher.needsRehash(Authenticator.dummyPasswordHash))
        #expect(try await !hasher.verify("", against: Authenticator.dummyPasswordHash))
    }
}

import PortalKernel
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(base: .seconds(10), maximum: .seconds(3600), jitter: 0.2)

    @Test("delays double per attempt, unchanged at the jitter midpoint")
    func exponential() {
        #expect(policy.delay(afterAttempt: 1, unit: 0.5) == .seconds(10))
        #expect(policy.delay(afterAttempt: 2, unit: 0.5) == .seconds(20))
        #expect(policy.delay(afterAttempt: 5, unit: 0.5) == .seconds(160))
    }

    @Test("delays are capped, even for huge attempt counts")
    func capped() {
        #expect(policy.delay(afterAttempt: 12, unit: 0.5) == .seconds(3600))
        #expect(policy.delay(afterAttempt: 1000, unit: 0.5) == .seconds(3600))
    }

    @Test("jitter spreads the delay within ±20 %", arguments: [0.0, 0.25, 0.75, 0.999])
    func jitterBand(unit: Double) {
        let delay = policy.delay(afterAttempt: 3, unit: unit)
        #expect(delay >= .seconds(32) && delay <= .seconds(48))
    }
}

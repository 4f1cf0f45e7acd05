/// When to try a failed job again: exponential backoff with jitter, capped.
///
/// The delay before attempt `n + 1` is `base × 2^(n-1)`, capped at `maximum`, then spread by
/// ±`jitter` (a fraction) so that many jobs failing together (a provider outage) do not all
/// come back at the same moment.
public struct RetryPolicy: Sendable, Hashable {
    public var base: Duration
    public var maximum: Duration
    /// Fraction of the delay used as random spread, 0…1.
    public var jitter: Double

    public init(base: Duration = .seconds(10), maximum: Duration = .seconds(3600), jitter: Double = 0.2) {
        precondition(jitter >= 0 && jitter <= 1, "jitter is a fraction between 0 and 1")
        self.base = base
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The delay after failed attempt number `attempt` (1-based). `unit` is a random number in
    /// 0..<1 that places the delay within the jitter band (0.5 = no change).
    public func delay(afterAttempt attempt: Int, unit: Double) -> Duration {
        let exponent = max(0, min(attempt - 1, 40))
        let baseMicros = Double(base.microseconds)
        let uncapped = baseMicros * Double(UInt64(1) << UInt64(exponent))
        let capped = min(uncapped, Double(maximum.microseconds))
        let spread = capped * jitter * (2 * unit - 1)
        return .microseconds(Int64(max(0, capped + spread)))
    }
}

/// A deterministic SplitMix64 random number generator for property tests: the same seed
/// always yields the same sequence, so a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An `Int64` drawn from a mix of magnitudes, so small, medium and extreme values all
    /// appear often: full range, up to 2^48, up to 10^6, up to 100, and the boundaries.
    mutating func int64() -> Int64 {
        switch next() % 8 {
        case 0, 1: return Int64(bitPattern: next())
        case 2: return Int64.random(in: -(1 << 48)...(1 << 48), using: &self)
        case 3, 4: return Int64.random(in: -1_000_000...1_000_000, using: &self)
        case 5: return Int64.random(in: -100...100, using: &self)
        case 6: return [Int64.min, Int64.min + 1, Int64.max, Int64.max - 1, 0, 1, -1].randomElement(using: &self)!
        default: return Int64.random(in: -(1 << 62)...(1 << 62), using: &self)
        }
    }
}

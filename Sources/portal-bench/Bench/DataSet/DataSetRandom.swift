import PortalTesting

/// The seeder's source of randomness: SplitMix64 from a fixed seed, so the same shape always
/// gets the same names, amounts, statuses and identifiers.
///
/// Bounded draws use ``below(_:)`` (the high half of a full-width multiplication) rather than
/// the standard library's `random(in:using:)`, whose algorithm is not promised to stay the same
/// across Swift releases.
///
/// ```swift
/// var random = DataSetRandom(seed: 42)
/// let pick = random.below(10)                                   // 0 ..< 10, the same every run
/// let id = ProposalID.generate(at: instant, using: &random)     // a reproducible UUIDv7
/// ```
struct DataSetRandom: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 { generator.next() }

    /// A number in `0 ..< bound`; `bound` must be positive.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "a bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// A generator for one part of the data set: its own stream, so adding rows of one kind
    /// never changes the rows of another.
    static func stream(_ part: UInt64) -> DataSetRandom {
        DataSetRandom(seed: 0x5EED_B3AC_0000_0000 ^ (part &* 0x9E37_79B9_7F4A_7C15))
    }
}

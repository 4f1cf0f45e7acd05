import Testing

@testable import PortalKernel

/// An independent reference for rounding: exact 128-bit rational arithmetic, phrased via the
/// floor of the quotient and its non-negative fractional part (the implementation works on
/// magnitudes with `multipliedFullWidth`/`dividingFullWidth` instead).
@available(macOS 15.0, *)
enum ExactReference {
    /// `numerator ÷ denominator` rounded by `rule`; `nil` when it does not fit in `Int64`.
    static func round(_ numerator: Int128, over denominator: Int128, _ rule: RoundingRule) -> Int64? {
        precondition(denominator != 0)
        var numerator = numerator, denominator = denominator
        if denominator < 0 {
            numerator = -numerator
            denominator = -denominator
        }
        var floor = numerator / denominator
        var fraction = numerator - floor * denominator
        if fraction < 0 {
            floor -= 1
            fraction += denominator
        }
        // numerator ÷ denominator == floor + fraction ÷ denominator, with 0 ≤ fraction < denominator.
        let result: Int128
        if fraction == 0 {
            result = floor
        } else {
            switch rule {
            case .floor: result = floor
            case .ceiling: result = floor + 1
            case .down: result = floor >= 0 ? floor : floor + 1
            case .up: result = floor >= 0 ? floor + 1 : floor
            case .halfUp:
                if 2 * fraction == denominator {
                    result = floor >= 0 ? floor + 1 : floor
                } else {
                    result = 2 * fraction > denominator ? floor + 1 : floor
                }
            case .halfEven:
                if 2 * fraction == denominator {
                    result = floor % 2 == 0 ? floor : floor + 1
                } else {
                    result = 2 * fraction > denominator ? floor + 1 : floor
                }
            }
        }
        return Int64(exactly: result)
    }

    /// `value × multiplier ÷ divisor` rounded by `rule`.
    static func multiply(_ value: Int64, _ multiplier: Int64, _ divisor: Int64, _ rule: RoundingRule) -> Int64? {
        round(Int128(value) * Int128(multiplier), over: Int128(divisor), rule)
    }
}

@Suite("Rounding rules")
struct MoneyRoundingTests {
    /// Expected results of tenths ÷ 10 for each rule: the table in RoundingRule's documentation.
    static let table: [(tenths: Int64, expected: [RoundingRule: Int64])] = [
        (25, [.halfEven: 2, .halfUp: 3, .down: 2, .up: 3, .floor: 2, .ceiling: 3]),
        (35, [.halfEven: 4, .halfUp: 4, .down: 3, .up: 4, .floor: 3, .ceiling: 4]),
        (-25, [.halfEven: -2, .halfUp: -3, .down: -2, .up: -3, .floor: -3, .ceiling: -2]),
        (-35, [.halfEven: -4, .halfUp: -4, .down: -3, .up: -4, .floor: -4, .ceiling: -3]),
        (5, [.halfEven: 0, .halfUp: 1, .down: 0, .up: 1, .floor: 0, .ceiling: 1]),
        (-5, [.halfEven: 0, .halfUp: -1, .down: 0, .up: -1, .floor: -1, .ceiling: 0]),
        (15, [.halfEven: 2, .halfUp: 2, .down: 1, .up: 2, .floor: 1, .ceiling: 2]),
        (-15, [.halfEven: -2, .halfUp: -2, .down: -1, .up: -2, .floor: -2, .ceiling: -1]),
        (24, [.halfEven: 2, .halfUp: 2, .down: 2, .up: 3, .floor: 2, .ceiling: 3]),
        (-24, [.halfEven: -2, .halfUp: -2, .down: -2, .up: -3, .floor: -3, .ceiling: -2]),
        (26, [.halfEven: 3, .halfUp: 3, .down: 2, .up: 3, .floor: 2, .ceiling: 3]),
        (-26, [.halfEven: -3, .halfUp: -3, .down: -2, .up: -3, .floor: -3, .ceiling: -2]),
        (30, [.halfEven: 3, .halfUp: 3, .down: 3, .up: 3, .floor: 3, .ceiling: 3]),
        (-30, [.halfEven: -3, .halfUp: -3, .down: -3, .up: -3, .floor: -3, .ceiling: -3]),
        (0, [.halfEven: 0, .halfUp: 0, .down: 0, .up: 0, .floor: 0, .ceiling: 0]),
    ]

    @Test("Every rule at and around .5, positive and negative", arguments: RoundingRule.allCases)
    func halfBoundaries(rule: RoundingRule) {
        for row in Self.table {
            #expect(rule.divide(row.tenths, by: 10) == row.expected[rule], "\(row.tenths)/10 \(rule)")
            // The sign of the divisor is part of the value: -tenths ÷ -10 is the same number.
            #expect(rule.divide(-row.tenths, by: -10) == row.expected[rule], "\(-row.tenths)/-10 \(rule)")
        }
    }

    @Test("Half-way cases through money: 15% of 0.10 and of -0.10", arguments: RoundingRule.allCases)
    func halfWayThroughPercentage(rule: RoundingRule) throws {
        let dime = Money(minorUnits: 10, currency: .usd)
        let expected: [RoundingRule: Int64] = [.halfEven: 2, .halfUp: 2, .down: 1, .up: 2, .floor: 1, .ceiling: 2]
        #expect(try dime.percentage(15, rounding: rule).minorUnits == expected[rule])
        let mirrored: [RoundingRule: Int64] = [.halfEven: -2, .halfUp: -2, .down: -1, .up: -2, .floor: -2, .ceiling: -1]
        #expect(try dime.negated().percentage(15, rounding: rule).minorUnits == mirrored[rule])
        // 5% of 0.10 is exactly half a cent.
        let half: [RoundingRule: Int64] = [.halfEven: 0, .halfUp: 1, .down: 0, .up: 1, .floor: 0, .ceiling: 1]
        #expect(try dime.percentage(5, rounding: rule).minorUnits == half[rule])
    }

    @Test("Division by zero and Int64.min ÷ -1 are reported, not trapped")
    func unrepresentable() {
        for rule in RoundingRule.allCases {
            #expect(rule.divide(1, by: 0) == nil)
            #expect(rule.divide(.min, by: -1) == nil)
            #expect(rule.divide(.min, by: 1) == .min)
            #expect(rule.multiply(.max, by: .max, dividingBy: .max) == .max)
            #expect(rule.multiply(.min, by: .min, dividingBy: .min) == .min)
            #expect(rule.multiply(.max, by: 2, dividingBy: 1) == nil)
        }
    }

    @Test("Raw values are stable for storage")
    func rawValues() {
        #expect(RoundingRule.allCases.map(\.rawValue) == ["half_even", "half_up", "down", "up", "floor", "ceiling"])
    }

    @available(macOS 15.0, *)
    @Test("multiply(_:by:dividingBy:) matches exact rational arithmetic on 60,000 random cases")
    func matchesReference() {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        var representable = 0
        for _ in 0..<10_000 {
            let value = generator.int64(), multiplier = generator.int64()
            var divisor = generator.int64()
            if divisor == 0 { divisor = 7 }
            for rule in RoundingRule.allCases {
                let expected = ExactReference.multiply(value, multiplier, divisor, rule)
                let actual = rule.multiply(value, by: multiplier, dividingBy: divisor)
                #expect(actual == expected, "\(value) × \(multiplier) ÷ \(divisor) \(rule)")
                if expected != nil { representable += 1 }
            }
        }
        // The generator mixes magnitudes so both outcomes are well exercised.
        #expect(representable > 20_000)
        #expect(representable < 58_000)
    }

    @available(macOS 15.0, *)
    @Test("Small divisors (money scales) against the reference")
    func moneyScales() {
        var generator = SeededGenerator(seed: 0x5EED_0002)
        for _ in 0..<20_000 {
            let value = generator.int64()
            let divisor = [1, 2, 3, 10, 100, 1_000, 1_000_000, 1_150_000][Int(generator.next() % 8)] as Int64
            let multiplier = Int64.random(in: -2_000_000...2_000_000, using: &generator)
            for rule in RoundingRule.allCases {
                #expect(
                    rule.multiply(value, by: multiplier, dividingBy: divisor)
                        == ExactReference.multiply(value, multiplier, divisor, rule))
            }
        }
    }
}

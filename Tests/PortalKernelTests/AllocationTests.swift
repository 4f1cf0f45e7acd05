import Testing

@testable import PortalKernel

@Suite("Money allocation")
struct AllocationTests {
    func units(_ parts: [Money]) -> [Int64] { parts.map(\.minorUnits) }

    @Test func workedExamples() throws {
        #expect(try units(Money(minorUnits: 500_000, currency: .usd).allocate(into: 3)) == [166_667, 166_667, 166_666])
        #expect(try units(Money(decimal: "5000.00", currency: .usd).allocate(into: 3)) == [166_667, 166_667, 166_666])
        #expect(try units(Money(decimal: "2500.00", currency: .usd).allocate(into: 3)) == [83_334, 83_333, 83_333])
        let months = try Money(decimal: "5000.00", currency: .usd).allocate(into: 3).map(\.decimalString)
        #expect(months == ["1666.67", "1666.67", "1666.66"])
        #expect(try units(Money(minorUnits: 100, currency: .jpy).allocate(into: 1)) == [100])
        #expect(try units(Money(minorUnits: 2, currency: .usd).allocate(into: 5)) == [1, 1, 0, 0, 0])
        #expect(try units(Money(minorUnits: 0, currency: .usd).allocate(into: 4)) == [0, 0, 0, 0])
        #expect(try Money(minorUnits: 10, currency: .kwd).allocate(into: 3).allSatisfy { $0.currency == .kwd })
    }

    @Test func negativeAmountsMirrorPositive() throws {
        #expect(try units(Money(minorUnits: -5, currency: .usd).allocate(into: 3)) == [-2, -2, -1])
        #expect(try units(Money(minorUnits: -250_000, currency: .usd).allocate(into: 3)) == [-83_334, -83_333, -83_333])
        #expect(try units(Money(minorUnits: -1_000, currency: .usd).allocate(ratios: [1, 2])) == [-333, -667])
    }

    @Test func ratios() throws {
        let amount = Money(minorUnits: 1_000, currency: .usd)
        #expect(try units(amount.allocate(ratios: [1, 2, 0])) == [333, 667, 0])
        #expect(try units(amount.allocate(ratios: [0, 1, 1, 0])) == [0, 500, 500, 0])
        #expect(try units(amount.allocate(ratios: [50, 30, 20])) == [500, 300, 200])
        #expect(try units(amount.allocate(ratios: [1, 1, 1])) == [334, 333, 333])
        // [1, 1, 4] of 0.05: exact shares 0.833…, 0.833…, 3.333… → 1, 1, 3.
        #expect(try units(Money(minorUnits: 5, currency: .usd).allocate(ratios: [1, 1, 4])) == [1, 1, 3])
        #expect(try units(Money(minorUnits: 5, currency: .usd).allocate(ratios: [2, 3])) == [2, 3])
        // Exact shares 0.4 and 0.6: the larger remainder wins even though it is later.
        #expect(try units(Money(minorUnits: 1, currency: .usd).allocate(ratios: [2, 3])) == [0, 1])
        #expect(try units(Money(minorUnits: .max, currency: .usd).allocate(ratios: [.max, .max])) == [.max / 2 + 1, .max / 2])
        #expect(try units(Money(minorUnits: .min, currency: .usd).allocate(into: 2)) == [.min / 2, .min / 2])
    }

    @Test func invalidRequestsThrow() {
        let amount = Money(minorUnits: 1_000, currency: .usd)
        #expect(throws: PortalError.invalid("must allocate into at least one part", field: "parts")) {
            try amount.allocate(into: 0)
        }
        #expect(throws: PortalError.self) { try amount.allocate(into: -3) }
        #expect(throws: PortalError.invalid("ratios must not all be zero", field: "ratios")) {
            try amount.allocate(ratios: [0, 0])
        }
        #expect(throws: PortalError.invalid("ratios must not all be zero", field: "ratios")) {
            try amount.allocate(ratios: [])
        }
        #expect(throws: PortalError.invalid("ratios must not be negative", field: "ratios")) {
            try amount.allocate(ratios: [3, -1])
        }
        #expect(throws: PortalError.invalid("ratios are too large", field: "ratios")) {
            try amount.allocate(ratios: [.max, .max, .max])
        }
    }

    @Test("Equal splits: exact sum, parts within one unit, larger parts first (5,000 random cases)")
    func equalSplitProperties() throws {
        var generator = SeededGenerator(seed: 0xA110C)
        for _ in 0..<5_000 {
            let amount = Money(minorUnits: generator.int64(), currency: .usd)
            let count = Int.random(in: 1...40, using: &generator)
            let parts = try amount.allocate(into: count)
            #expect(parts.count == count)
            #expect(try Money.sum(parts, currency: .usd) == amount)
            let values = units(parts)
            #expect(values.max()! - values.min()! <= 1)
            // Ties go to earlier parts: magnitudes never increase along the list.
            let magnitudes = values.map(\.magnitude)
            #expect(zip(magnitudes, magnitudes.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(values.allSatisfy { $0 == 0 || ($0 < 0) == amount.isNegative })
        }
    }

    @available(macOS 15.0, *)
    @Test("Ratio splits: exact sum, within one unit of the exact share, zero ratios get zero, sign mirrors (5,000 random cases)")
    func ratioProperties() throws {
        var generator = SeededGenerator(seed: 0x5A7105)
        for _ in 0..<5_000 {
            let amount = Money(minorUnits: generator.int64(), currency: .eur)
            let count = Int.random(in: 1...12, using: &generator)
            let bound: Int64 = [10, 1_000, 1 << 40, .max / 16][Int(generator.next() % 4)]
            var ratios = (0..<count).map { _ in generator.next() % 4 == 0 ? 0 : Int64.random(in: 0...bound, using: &generator) }
            if ratios.allSatisfy({ $0 == 0 }) { ratios[0] = 1 }
            let parts = try amount.allocate(ratios: ratios)
            #expect(try Money.sum(parts, currency: .eur) == amount)
            let total = ratios.reduce(Int128(0)) { $0 + Int128($1) }
            for (part, ratio) in zip(parts, ratios) {
                // |part × Σratios − amount × ratio| < Σratios, i.e. within one unit of the exact share.
                let error = Int128(part.minorUnits) * total - Int128(amount.minorUnits) * Int128(ratio)
                #expect(error.magnitude < total.magnitude)
                if ratio == 0 { #expect(part.isZero) }
            }
            if amount.minorUnits != .min {
                let mirrored = try amount.negated().allocate(ratios: ratios)
                #expect(try mirrored.map { try $0.negated() } == parts)
            }
        }
    }
}

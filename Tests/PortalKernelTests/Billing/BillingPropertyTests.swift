import PortalTesting
import Testing

@testable import PortalKernel

/// Seeded property tests: proration and instalments never lose or create a minor unit.
@Suite("Billing properties")
struct BillingPropertyTests {
    /// A random period of a random schedule and an amount to prorate over it.
    private func randomCase(_ random: inout SplitMix64) -> (period: ServicePeriod, amount: Money) {
        let schedule = BillingSchedule(anchor: random.anchorDate(), interval: random.interval())
        let period = schedule.period(random.int(in: -3...40))
        return (period, Money(minorUnits: random.minorUnits(), currency: .usd))
    }

    @Test(
        "Credit plus the used part is exactly the price; separate shares miss by at most one",
        arguments: RoundingRule.allCases)
    func complement(rounding: RoundingRule) throws {
        var random = SplitMix64(seed: 0xC0_FFEE)
        for _ in 0..<5_000 {
            let (period, price) = randomCase(&random)
            let daysUsed = random.int(in: 0...period.days)
            let change = period.start.adding(days: daysUsed)
            let credit = try Proration.remaining(of: price, in: period, from: change, rounding: rounding)
            let used = try price.subtracting(credit)
            #expect(try used.adding(credit) == price)
            // The used part lies between zero and the price, within one unit of its own share.
            let usedShare = try Proration.share(of: price, days: daysUsed, outOf: period.days, rounding: rounding)
            let miss = (price.minorUnits - credit.minorUnits) - usedShare.minorUnits
            guard abs(miss) <= 1, used.minorUnits.magnitude <= price.minorUnits.magnitude,
                used.minorUnits == 0 || (used.minorUnits < 0) == (price.minorUnits < 0)
            else {
                Issue.record(
                    "\(price) over \(period) from \(change) with \(rounding): credit \(credit), share \(usedShare)")
                return
            }
        }
    }

    @Test("split(_:byDays:) partitions a period exactly; independent shares miss by at most n/2")
    func partition() throws {
        var random = SplitMix64(seed: 0xDA75)
        for _ in 0..<5_000 {
            let (period, price) = randomCase(&random)
            // Cut the period's days at random points into 1...6 consecutive parts.
            let cuts = (0..<random.int(in: 0...5)).map { _ in random.int(in: 0...period.days) }.sorted()
            let bounds = [0] + cuts + [period.days]
            let days = zip(bounds, bounds.dropFirst()).map { $1 - $0 }
            let parts = try Proration.split(price, byDays: days)
            let shares = try days.map { try Proration.share(of: price, days: $0, outOf: period.days) }
            #expect(try Money.sum(parts, currency: .usd) == price)
            var missing = price.minorUnits
            for (part, share) in zip(parts, shares) {
                missing -= share.minorUnits
                #expect(abs(part.minorUnits - share.minorUnits) <= 1)
            }
            #expect(abs(missing) <= Int64(days.count / 2), "\(price) over \(days)")
        }
    }

    @Test("Remaining never grows as the change moves later, and plan changes net exactly")
    func monotoneAndNet() throws {
        var random = SplitMix64(seed: 0x9_1A7)
        for _ in 0..<2_000 {
            let (period, price) = randomCase(&random)
            let other = Money(minorUnits: random.minorUnits(), currency: .usd)
            let magnitude = Money(minorUnits: price.minorUnits == .min ? .max : abs(price.minorUnits), currency: .usd)
            var previous = magnitude
            for offset in stride(from: -1, through: period.days + 1, by: max(1, period.days / 15)) {
                let date = period.start.adding(days: offset)
                let unused = try Proration.remaining(of: magnitude, in: period, from: date)
                #expect(unused.minorUnits <= previous.minorUnits)
                previous = unused
                guard let change = try? Proration.planChange(from: price, to: other, period: period, effective: date)
                else { continue }  // only when the net does not fit in 64 bits
                #expect(change.net.minorUnits == change.newCharge.minorUnits - change.unusedCredit.minorUnits)
                #expect(try change.unusedCredit == Proration.remaining(of: price, in: period, from: date))
            }
            let same = try Proration.planChange(from: price, to: price, period: period, effective: period.start)
            #expect(same.net.isZero)
            #expect(same.unusedCredit == price)
        }
    }

    @Test("Instalments sum exactly, earlier ones take the extra units, parts differ by at most one")
    func instalments() throws {
        var random = SplitMix64(seed: 0x1_5701)
        for _ in 0..<5_000 {
            let total = Money(minorUnits: random.minorUnits(), currency: .usd)
            let count = random.int(in: 1...48)
            let parts = try InstalmentSplit.split(total, into: count)
            let magnitudes = parts.map(\.minorUnits.magnitude)
            guard parts.count == count, try Money.sum(parts, currency: .usd) == total,
                let largest = magnitudes.max(), let smallest = magnitudes.min(), largest - smallest <= 1,
                magnitudes == magnitudes.sorted(by: >),
                parts.allSatisfy({ $0.isZero || $0.isNegative == total.isNegative })
            else {
                Issue.record("\(total) into \(count): \(parts)")
                return
            }
        }
    }
}

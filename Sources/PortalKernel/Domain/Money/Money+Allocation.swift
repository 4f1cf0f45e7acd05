extension Money {
    /// Splits this amount into `parts` nearly equal amounts that sum exactly to it.
    ///
    /// Uses the largest-remainder method: every part gets the truncated share, and the
    /// leftover minor units go one each to the earliest parts. Parts differ by at most one
    /// minor unit, larger parts first:
    ///
    /// - USD 5000.00 into 3 → 1666.67, 1666.67, 1666.66
    /// - USD 2500.00 into 3 → 833.34, 833.33, 833.33
    /// - a negative amount splits as the mirror image of its positive (-0.05 into 3 →
    ///   -0.02, -0.02, -0.01).
    ///
    /// - Throws: `invalid` with field `parts` when `parts` is less than one.
    public func allocate(into parts: Int) throws -> [Money] {
        guard parts > 0 else {
            throw PortalError.invalid("must allocate into at least one part", field: "parts")
        }
        return distribute(ratios: Array(repeating: 1, count: parts), total: UInt64(parts))
    }

    /// Splits this amount in proportion to `ratios`, summing exactly to it.
    ///
    /// Uses the largest-remainder method: part *i* gets `⌊|amount| × ratios[i] ÷ Σratios⌋`, and
    /// the leftover minor units go one each to the parts with the largest remainders, ties to
    /// the earlier part. Each part is within one minor unit of its exact share, a zero ratio
    /// gets zero, and a negative amount splits as the mirror image of its positive.
    ///
    /// ```swift
    /// try Money(minorUnits: 1000, currency: .usd).allocate(ratios: [1, 2, 0])  // 3.33, 6.67, 0.00
    /// ```
    ///
    /// - Throws: `invalid` with field `ratios` when `ratios` is empty, all zero, has a negative
    ///   ratio, or their sum overflows `UInt64`.
    public func allocate(ratios: [Int64]) throws -> [Money] {
        var total: UInt64 = 0
        for ratio in ratios {
            guard ratio >= 0 else { throw PortalError.invalid("ratios must not be negative", field: "ratios") }
            let (sum, overflow) = total.addingReportingOverflow(UInt64(ratio))
            guard !overflow else { throw PortalError.invalid("ratios are too large", field: "ratios") }
            total = sum
        }
        guard total > 0 else { throw PortalError.invalid("ratios must not all be zero", field: "ratios") }
        return distribute(ratios: ratios.map { UInt64($0) }, total: total)
    }

    /// Largest-remainder distribution of the magnitude, then the sign reapplied.
    /// `ratios` are non-negative with the positive sum `total`.
    private func distribute(ratios: [UInt64], total: UInt64) -> [Money] {
        let amount = minorUnits.magnitude
        var shares: [UInt64] = []
        var remainders: [UInt64] = []
        shares.reserveCapacity(ratios.count)
        remainders.reserveCapacity(ratios.count)
        var assigned: UInt64 = 0
        for ratio in ratios {
            // amount × ratio < 2^64 × total because amount < 2^64 and ratio ≤ total,
            // so the quotient always fits.
            let (share, remainder) = total.dividingFullWidth(amount.multipliedFullWidth(by: ratio))
            shares.append(share)
            remainders.append(remainder)
            assigned += share
        }
        // Σ remainders = leftover × total and each remainder < total, so more than `leftover`
        // parts have a non-zero remainder; zero ratios (remainder 0) never receive a unit.
        let leftover = Int(amount - assigned)
        if leftover > 0 {
            let order = remainders.indices.sorted { lhs, rhs in
                remainders[lhs] != remainders[rhs] ? remainders[lhs] > remainders[rhs] : lhs < rhs
            }
            for index in order.prefix(leftover) {
                shares[index] += 1
            }
        }
        let negative = minorUnits < 0
        return shares.map { share in
            // Every share is at most |minorUnits|, so the signed value always fits.
            Money(minorUnits: RoundingRule.signed(share, negative: negative) ?? 0, currency: currency)
        }
    }
}

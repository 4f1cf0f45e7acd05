/// Exact conversion between plain decimal text (`"-1234.5"`) and a scaled `Int64`
/// (`-123450` at scale 2), shared by ``Money``, ``Percentage`` and ``Quantity``.
///
/// The accepted grammar is deliberately narrow: an optional `-`, one or more ASCII digits,
/// and optionally a `.` followed by one or more ASCII digits. No `+`, spaces, grouping
/// separators, exponents or locale forms; no floating point anywhere.
enum DecimalAmountText {
    /// Why a text was rejected.
    enum Failure: Error, Equatable {
        /// Not a plain decimal number.
        case malformed
        /// More fraction digits than the scale allows.
        case tooManyDecimals
        /// The value does not fit in `Int64` at this scale.
        case outOfRange
    }

    /// Parses `text` as a decimal and returns it multiplied by 10^`scale`.
    static func parse(_ text: String, scale: Int) throws(Failure) -> Int64 {
        let bytes = Array(text.utf8)
        var index = 0
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var magnitude: UInt64 = 0
        var overflowed = false
        func digit(at position: Int) -> UInt64? {
            guard position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 else { return nil }
            return UInt64(bytes[position] - 48)
        }
        func accumulate(_ value: UInt64) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(value)
            if o1 || o2 { overflowed = true }
            magnitude = sum
        }
        var integerDigits = 0
        while let value = digit(at: index) {
            accumulate(value)
            integerDigits += 1
            index += 1
        }
        guard integerDigits > 0 else { throw .malformed }
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while let value = digit(at: index) {
                fractionDigits += 1
                if fractionDigits <= scale { accumulate(value) }
                index += 1
            }
            guard fractionDigits > 0 else { throw .malformed }
        }
        guard index == bytes.count else { throw .malformed }
        guard fractionDigits <= scale else { throw .tooManyDecimals }
        for _ in fractionDigits..<scale { accumulate(0) }
        guard !overflowed, let value = RoundingRule.signed(magnitude, negative: negative) else { throw .outOfRange }
        return value
    }

    /// Writes `value ÷ 10^scale` as plain decimal text.
    ///
    /// - Parameters:
    ///   - grouping: inserts `,` between groups of three integer digits.
    ///   - trimmingZeros: drops trailing zero fraction digits (and the point if none remain);
    ///     otherwise exactly `scale` fraction digits are written.
    static func format(_ value: Int64, scale: Int, grouping: Bool = false, trimmingZeros: Bool = false) -> String {
        var digits = Array(String(value.magnitude).utf8)
        if digits.count <= scale {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale + 1 - digits.count), at: 0)
        }
        let integerPart = digits[..<(digits.count - scale)]
        var fractionPart = Array(digits[(digits.count - scale)...])
        if trimmingZeros {
            while fractionPart.last == UInt8(ascii: "0") { fractionPart.removeLast() }
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3 + 2)
        if value < 0 { out.append(UInt8(ascii: "-")) }
        for (offset, byte) in integerPart.enumerated() {
            if grouping, offset > 0, (integerPart.count - offset) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(byte)
        }
        if !fractionPart.isEmpty {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: fractionPart)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// 10^`exponent` for the small exponents money uses (0–18).
    static func powerOfTen(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

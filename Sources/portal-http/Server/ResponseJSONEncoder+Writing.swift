import PortalKernel

/// Scalars written as Foundation's `JSONEncoder` writes them.
extension ResponseJSONEncoder {
    func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// An integer in decimal, as its `description`.
    func appendInteger(_ value: some FixedWidthInteger) {
        var text = String(value)
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// A finite number as Foundation writes it: its `description` without a trailing `.0`.
    /// Infinity and NaN (which Foundation refuses) give up.
    func appendNumber<Value: BinaryFloatingPoint & CustomStringConvertible>(_ value: Value) throws {
        guard value.isFinite else { throw giveUp() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Appends `value` in quotes, escaped as Foundation does with `withoutEscapingSlashes`.
    static func appendQuoted(_ value: String, to output: inout [UInt8]) {
        JSONStringEscaping.appendQuoted(value, to: &output)
    }
}

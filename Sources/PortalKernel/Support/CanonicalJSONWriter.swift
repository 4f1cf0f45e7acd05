/// Writes JSON byte for byte as ``JSONCoding``'s encoder does (compact, keys sorted by their
/// UTF-8 bytes, slashes not escaped), without going through `Encodable`.
///
/// It exists for hashes over stored JSON (``AuditTrail/hash(of:)``), which must never change:
/// the tests compare its output with `JSONCoding.encode` over a broad corpus. Strings are
/// escaped as Foundation escapes them (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
/// control characters as `\u00xx`, everything else as is). A finite `Double` is written by
/// `JSONEncoder` itself, so its text is Foundation's by construction; a non-finite one, or
/// nesting deeper than ``maximumDepth``, throws ``Unrepresentable`` so the caller can encode
/// the whole document with `JSONEncoder` and get Foundation's result, error included.
///
/// ```swift
/// var writer = CanonicalJSONWriter()
/// try writer.write(.object(["b": .integer(1), "a": .string("x/y")]))
/// // writer.bytes == Array(#"{"a":"x/y","b":1}"#.utf8)
/// ```
struct CanonicalJSONWriter {
    /// Thrown for a value whose bytes only `JSONEncoder` may decide.
    struct Unrepresentable: Error {}

    /// Containers nested deeper than this are left to `JSONEncoder` (which refuses 512).
    static let maximumDepth = 256

    /// The JSON written so far.
    private(set) var bytes: [UInt8] = []
    private var depth = 0

    init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `raw` unchanged: punctuation, or a key already written as JSON.
    mutating func writeRaw(_ raw: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: raw.utf8Start, count: raw.utf8CodeUnitCount))
    }

    /// Appends JSON bytes written elsewhere.
    mutating func writeRaw(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// Appends `value` as a quoted, escaped JSON string.
    mutating func write(_ value: String) {
        JSONStringEscaping.appendQuoted(value, to: &bytes)
    }

    /// Appends `value` in decimal.
    mutating func write(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends `value` as `JSONEncoder` writes it.
    mutating func write(_ value: Double) throws(Unrepresentable) {
        guard value.isFinite, let encoded = try? JSONCoding.encode(value) else { throw Unrepresentable() }
        bytes.append(contentsOf: encoded)
    }

    /// Appends `value`, with object keys in UTF-8 byte order.
    mutating func write(_ value: JSONValue) throws(Unrepresentable) {
        switch value {
        case .null: writeRaw("null")
        case .bool(let flag): flag ? writeRaw("true") : writeRaw("false")
        case .integer(let integer): write(integer)
        case .number(let number): try write(number)
        case .string(let string): write(string)
        case .array(let elements):
            try enterContainer()
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(element)
            }
            bytes.append(UInt8(ascii: "]"))
            depth -= 1
        case .object(let members):
            try enterContainer()
            try writeObject(members) { (writer, member) throws(Unrepresentable) in try writer.write(member) }
            depth -= 1
        }
    }

    /// Appends an object whose members are written by `writeMember`, keys in UTF-8 byte order.
    mutating func writeObject<Member>(
        _ members: [String: Member], _ writeMember: (inout CanonicalJSONWriter, Member) throws(Unrepresentable) -> Void
    ) throws(Unrepresentable) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (key, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            write(key)
            bytes.append(UInt8(ascii: ":"))
            try writeMember(&self, member)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func enterContainer() throws(Unrepresentable) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw Unrepresentable() }
    }
}

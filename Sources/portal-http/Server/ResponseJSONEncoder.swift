import Foundation

/// The fast path of ``ResponseJSON``: an `Encoder` that writes JSON bytes as values arrive and
/// sorts each object's members when the object ends.
///
/// Open objects and arrays form a stack (``frames``); an object's members are written one after
/// another with their offsets recorded (``members``), and when the object ends they are put in
/// key order by moving bytes, once. No per-value allocations are made beyond those of `Codable`
/// itself.
///
/// ``encode(_:)`` returns `nil` whenever the output might differ from Foundation's (see
/// ``ResponseJSON``); the caller then encodes with `JSONCoding`. That includes writing to a
/// container after a member was added to its parent (Foundation merges such writes; a stream
/// cannot). One instance encodes one value on one thread.
final class ResponseJSONEncoder: Encoder {
    /// An open object or array.
    struct Frame {
        /// Identifies the frame to the containers writing into it (unique per encoding).
        let id: Int
        let isObject: Bool
        /// The offset of its `{` or `[`.
        let start: Int
        /// Where its members begin in ``members`` (objects only).
        let memberBase: Int
        /// Members or elements written so far.
        var count = 0
    }

    /// One member of an open object: where its quoted key starts and the key's length.
    struct Member {
        let start: Int
        let keyLength: Int
    }

    /// Thrown (and caught by ``encode(_:)``) when the fast path must give up.
    struct Unsupported: Error {}

    /// Nesting deeper than this gives up well before Foundation's own limit (512).
    static let maximumDepth = 256

    // One encoder is used by one thread, and no access to its state overlaps another, so the
    // state is exempt from run-time exclusivity checks (which cost as much as the writing).

    /// The JSON written so far.
    @exclusivity(unchecked) var output: [UInt8] = []
    /// The open objects and arrays, innermost last.
    @exclusivity(unchecked) var frames: [Frame] = []
    /// The members of the open objects, innermost object's last.
    @exclusivity(unchecked) var members: [Member] = []
    @exclusivity(unchecked) private var nextFrameID = 0
    /// Whether the `encode(to:)` call in progress has yet to write its value.
    @exclusivity(unchecked) var expectingValue = false
    /// The container the `encode(to:)` call in progress opened, which it may ask for again.
    @exclusivity(unchecked) var producedFrame: Int?
    /// The type whose `encode(to:)` is in progress.
    @exclusivity(unchecked) private var producedType: (any Encodable.Type)?
    /// Set when something was encoded that the fast path cannot reproduce exactly.
    @exclusivity(unchecked) var failed = false
    /// Types already asked whether they are dictionaries, with the answer.
    @exclusivity(unchecked) private var dictionaryAnswers: [(type: ObjectIdentifier, isDictionary: Bool)] = []
    /// Scratch space for reordering an object's members.
    @exclusivity(unchecked) private var order: [Int] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private init() {
        output.reserveCapacity(8192)
        frames.reserveCapacity(16)
        members.reserveCapacity(64)
    }

    /// `value` as JSON exactly as `JSONCoding.encode(value)` writes it, or `nil` when this
    /// encoder cannot promise that (the caller then uses `JSONCoding`).
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8]? {
        let encoder = ResponseJSONEncoder()
        do {
            try encoder.produce(value)
        } catch {
            return nil
        }
        return encoder.failed ? nil : encoder.output
    }

    /// Writes `value` in the current value position, closing whatever it opened.
    func produce<Value: Encodable>(_ value: Value) throws {
        if Value.self == Date.self || Value.self == Data.self || Value.self == URL.self || Value.self == Decimal.self {
            throw giveUp()
        }
        let depth = frames.count
        let (outerExpecting, outerProduced, outerType) = (expectingValue, producedFrame, producedType)
        expectingValue = true
        producedFrame = nil
        producedType = Value.self
        defer { (expectingValue, producedFrame, producedType) = (outerExpecting, outerProduced, outerType) }
        try value.encode(to: self)
        // Foundation writes `{}` for a value that wrote nothing, or throws at the top level.
        if expectingValue || failed { throw giveUp() }
        while frames.count > depth { closeInnermost() }
    }

    /// Marks the encoding as failed and returns the error to throw.
    func giveUp() -> Unsupported {
        failed = true
        return Unsupported()
    }

    // MARK: Frames

    /// Opens an object or array at the current position and returns its id.
    func open(object: Bool) -> Int {
        if frames.count >= Self.maximumDepth { failed = true }
        nextFrameID += 1
        frames.append(Frame(id: nextFrameID, isObject: object, start: output.count, memberBase: members.count))
        output.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return nextFrameID
    }

    /// Makes frame `id` the innermost by closing those inside it, and starts its next member
    /// or element (a comma after the first). Gives up, returning `false`, when the frame is
    /// already closed.
    func beginEntry(in id: Int) -> Bool {
        guard !failed, let index = frames.lastIndex(where: { $0.id == id }) else {
            failed = true
            return false
        }
        while frames.count > index + 1 { closeInnermost() }
        if frames[index].count > 0 { output.append(UInt8(ascii: ",")) }
        frames[index].count += 1
        return true
    }

    /// Starts member `key` of object `id`: `"key":`, with the key in snake_case.
    func beginMember(_ key: some CodingKey, in id: Int) -> Bool {
        guard beginEntry(in: id) else { return false }
        let start = output.count
        guard let length = ResponseJSONKey.appendSnakeCase(key.stringValue, to: &output) else {
            failed = true
            return false
        }
        members.append(Member(start: start, keyLength: length))
        output.append(UInt8(ascii: ":"))
        return true
    }

    /// Closes the innermost frame: an object's members are put in key order (giving up on a
    /// key written twice), then the closing bracket.
    func closeInnermost() {
        let frame = frames.removeLast()
        guard frame.isObject else {
            output.append(UInt8(ascii: "]"))
            return
        }
        let count = members.count - frame.memberBase
        if count > 1 { sortMembers(from: frame.memberBase, contentStart: frame.start + 1) }
        members.removeLast(count)
        output.append(UInt8(ascii: "}"))
    }

    /// Reorders the members `members[base...]`, written from `contentStart` to the end of
    /// ``output`` and separated by commas, by their keys' bytes (Foundation's `sortedKeys`).
    private func sortMembers(from base: Int, contentStart: Int) {
        let end = output.count
        let count = members.count - base
        let outcome = output.withUnsafeBufferPointer { bytes -> Bool? in
            /// Compares the keys of members `a` and `b` (indexes from `base`) by their bytes.
            func compare(_ a: Int, _ b: Int) -> Int {
                let left = members[base + a], right = members[base + b]
                for offset in 0..<min(left.keyLength, right.keyLength) {
                    let x = bytes[left.start + 1 + offset], y = bytes[right.start + 1 + offset]
                    if x != y { return x < y ? -1 : 1 }
                }
                return left.keyLength - right.keyLength
            }
            var isSorted = true
            for index in 1..<count {
                let comparison = compare(index - 1, index)
                if comparison == 0 { return nil }
                if comparison > 0 { isSorted = false }
            }
            if isSorted { return false }
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: 0..<count)
            order.sort { compare($0, $1) < 0 }
            for position in 1..<count where compare(order[position - 1], order[position]) == 0 { return nil }
            return true
        }
        guard let outcome else {
            failed = true
            return
        }
        guard outcome else { return }
        scratch.removeAll(keepingCapacity: true)
        for (position, index) in order.enumerated() {
            if position > 0 { scratch.append(UInt8(ascii: ",")) }
            // A member runs from its key to the comma before the next one (or the end).
            let memberStart = members[base + index].start
            let memberEnd = index + 1 < count ? members[base + index + 1].start - 1 : end
            scratch.append(contentsOf: output[memberStart..<memberEnd])
        }
        output.replaceSubrange(contentStart..<end, with: scratch)
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ResponseJSONKeyedContainer<Key>(encoder: self, frame: openForValue(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ResponseJSONUnkeyedContainer(encoder: self, frame: openForValue(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        ResponseJSONSingleValueContainer(encoder: self)
    }

    /// The container of the `encode(to:)` call in progress: a new one in its value position, or
    /// the one it opened before when it asks again (as Foundation allows).
    private func openForValue(object: Bool) -> Int {
        if expectingValue, isDictionary(producedType) {
            failed = true
            return 0
        }
        if expectingValue {
            expectingValue = false
            let id = open(object: object)
            producedFrame = id
            return id
        }
        if let id = producedFrame, let frame = frames.last(where: { $0.id == id }), frame.isObject == object {
            return id
        }
        failed = true
        return 0
    }

    /// Whether `type` is a `Dictionary` (asked only of values that open a container, and once
    /// per type and encoding).
    private func isDictionary(_ type: (any Encodable.Type)?) -> Bool {
        guard let type else { return false }
        let id = ObjectIdentifier(type)
        if let known = dictionaryAnswers.first(where: { $0.type == id }) { return known.isDictionary }
        let answer = type is any ResponseJSONDictionary.Type
        dictionaryAnswers.append((id, answer))
        return answer
    }

    /// Starts a single value in the current value position; a second one gives up.
    func beginSingleValue() -> Bool {
        guard expectingValue, !failed else {
            failed = true
            return false
        }
        expectingValue = false
        return true
    }
}

/// Dictionaries, whose keys Foundation converts or not depending on its version: always
/// encoded by `JSONCoding`.
protocol ResponseJSONDictionary {}

extension Dictionary: ResponseJSONDictionary {}

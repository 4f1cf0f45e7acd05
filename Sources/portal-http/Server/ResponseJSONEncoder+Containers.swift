/// The keyed container of ``ResponseJSONEncoder``: writes members (keys in snake_case) into
/// one object frame.
struct ResponseJSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ResponseJSONEncoder
    let frame: Int

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        if encoder.beginMember(key, in: frame) { encoder.appendLiteral("null") }
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        if encoder.beginMember(key, in: frame) { encoder.appendLiteral(value ? "true" : "false") }
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        if encoder.beginMember(key, in: frame) { ResponseJSONEncoder.appendQuoted(value, to: &encoder.output) }
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        if encoder.beginMember(key, in: frame) { try encoder.appendNumber(value) }
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        if encoder.beginMember(key, in: frame) { try encoder.appendNumber(value) }
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { integer(value, key) }

    private func integer(_ value: some FixedWidthInteger, _ key: Key) {
        if encoder.beginMember(key, in: frame) { encoder.appendInteger(value) }
    }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        if encoder.beginMember(key, in: frame) { try encoder.produce(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = encoder.beginMember(key, in: frame) ? encoder.open(object: true) : 0
        return KeyedEncodingContainer(ResponseJSONKeyedContainer<NestedKey>(encoder: encoder, frame: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = encoder.beginMember(key, in: frame) ? encoder.open(object: false) : 0
        return ResponseJSONUnkeyedContainer(encoder: encoder, frame: nested)
    }

    /// Super-encoders write after the fact (when released): left to Foundation.
    mutating func superEncoder() -> any Encoder {
        encoder.failed = true
        return encoder
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.failed = true
        return encoder
    }
}

/// The unkeyed container of ``ResponseJSONEncoder``: writes elements into one array frame.
struct ResponseJSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: ResponseJSONEncoder
    let frame: Int
    private(set) var count = 0

    init(encoder: ResponseJSONEncoder, frame: Int) {
        self.encoder = encoder
        self.frame = frame
    }

    var codingPath: [any CodingKey] { [] }

    /// Starts the next element (counted whether or not the encoding has given up).
    private mutating func begin() -> Bool {
        count += 1
        return encoder.beginEntry(in: frame)
    }

    mutating func encodeNil() throws { if begin() { encoder.appendLiteral("null") } }
    mutating func encode(_ value: Bool) throws { if begin() { encoder.appendLiteral(value ? "true" : "false") } }
    mutating func encode(_ value: String) throws { if begin() { ResponseJSONEncoder.appendQuoted(value, to: &encoder.output) } }
    mutating func encode(_ value: Double) throws { if begin() { try encoder.appendNumber(value) } }
    mutating func encode(_ value: Float) throws { if begin() { try encoder.appendNumber(value) } }
    mutating func encode(_ value: Int) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int8) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int16) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int32) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int64) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt8) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt16) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt32) throws { if begin() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt64) throws { if begin() { encoder.appendInteger(value) } }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        if begin() { try encoder.produce(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = begin() ? encoder.open(object: true) : 0
        return KeyedEncodingContainer(ResponseJSONKeyedContainer<NestedKey>(encoder: encoder, frame: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = begin() ? encoder.open(object: false) : 0
        return ResponseJSONUnkeyedContainer(encoder: encoder, frame: nested)
    }

    /// Super-encoders write after the fact (when released): left to Foundation.
    mutating func superEncoder() -> any Encoder {
        encoder.failed = true
        return encoder
    }
}

/// The single-value container of ``ResponseJSONEncoder``: writes the value of the
/// `encode(to:)` call in progress. A second value (which Foundation refuses) gives up.
struct ResponseJSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: ResponseJSONEncoder

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { if encoder.beginSingleValue() { encoder.appendLiteral("null") } }
    mutating func encode(_ value: Bool) throws { if encoder.beginSingleValue() { encoder.appendLiteral(value ? "true" : "false") } }
    mutating func encode(_ value: Double) throws { if encoder.beginSingleValue() { try encoder.appendNumber(value) } }
    mutating func encode(_ value: Float) throws { if encoder.beginSingleValue() { try encoder.appendNumber(value) } }
    mutating func encode(_ value: Int) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int8) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int16) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int32) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: Int64) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt8) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt16) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt32) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }
    mutating func encode(_ value: UInt64) throws { if encoder.beginSingleValue() { encoder.appendInteger(value) } }

    mutating func encode(_ value: String) throws {
        if encoder.beginSingleValue() { ResponseJSONEncoder.appendQuoted(value, to: &encoder.output) }
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        if encoder.beginSingleValue() { try encoder.produce(value) }
    }
}

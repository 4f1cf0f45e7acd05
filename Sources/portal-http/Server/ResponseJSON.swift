import Foundation
import PortalKernel

/// Encodes response bodies exactly as ``JSONCoding/encode(_:pretty:)`` does (snake_case keys,
/// sorted by their UTF-8 bytes, slashes unescaped, no whitespace), several times faster.
///
/// Foundation's `JSONEncoder` spends most of a response's encoding time converting every key to
/// snake_case with Unicode character-set searches, hashing keys into dictionaries and casting
/// each value to the types it treats specially. ``ResponseJSONEncoder`` converts ASCII keys with
/// a byte scan, keeps members in arrays, sorts them once when writing, and writes scalars
/// straight to bytes.
///
/// Whatever the fast encoder cannot reproduce byte for byte is handed to `JSONCoding` whole:
/// `Date`, `Data`, `URL`, `Decimal` and dictionary values (whose encoding depends on
/// Foundation's strategies and version), non-finite floating-point numbers, keys with
/// non-ASCII characters, a key written twice in one object, super-encoders, containers
/// requested in an order Foundation would refuse or merge, nesting deeper than Foundation
/// allows, and any error thrown while encoding (so the caller sees Foundation's error).
///
/// The hottest documents skip `Codable` altogether (``ResponseJSONWritable``).
///
/// ```swift
/// let bytes = try ResponseJSON.encode(view)   // == try JSONCoding.encode(view)
/// ```
enum ResponseJSON {
    /// `value` as compact JSON with Portal's conventions, byte for byte as `JSONCoding.encode(value)`:
    /// written directly when it is ``ResponseJSONWritable``, else by ``ResponseJSONEncoder``,
    /// else by `JSONCoding`.
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        if let writable = value as? any ResponseJSONWritable {
            var writer = ResponseJSONWriter()
            writable.writeJSON(to: &writer)
            return writer.bytes
        }
        if let bytes = ResponseJSONEncoder.encode(value) { return bytes }
        return try JSONCoding.encode(value)
    }
}

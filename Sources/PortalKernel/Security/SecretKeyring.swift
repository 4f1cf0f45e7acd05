/// The keys a ``AESGCMSecretBox`` seals and opens with: one active key for sealing, and every
/// key (active or retired) for opening, so keys can be rotated without re-encrypting at once.
///
/// Rotation, step by step:
/// 1. Generate a new key and make it active: `keyring.activating(try .generate(id: "k2"))`
///    (or put its line first in the key file).
/// 2. Rows sealed with the old key still open; ``AESGCMSecretBox/needsResealing(_:)`` finds them
///    and ``SecretBox/reseal(_:context:)`` rewrites them under the active key.
/// 3. When no row reports `needsResealing`, drop the old key with ``removing(id:)``.
///
/// The textual form of a keyring (what a key file or an environment variable holds) is read by
/// ``init(parsing:field:)`` and written by ``exportedText``. ``description`` shows only key ids.
public struct SecretKeyring: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Every key, the active one first.
    public let keys: [SecretKey]

    /// Creates a keyring sealing with `active` and opening with it and `others`.
    /// - Throws: ``PortalError`` `invalid` (field `keys`) when two keys share an id.
    public init(active: SecretKey, others: [SecretKey] = []) throws {
        let all = [active] + others
        var seen = Set<String>()
        for (index, key) in all.enumerated() where !seen.insert(key.id).inserted {
            throw PortalError.invalid("Key id '\(key.id)' appears more than once.", field: "keys[\(index)]")
        }
        self.keys = all
    }

    /// A keyring holding one fresh random key, for first-run setup. Persist it with
    /// ``exportedText``.
    public static func generate(id: String = "k1") throws -> SecretKeyring {
        try SecretKeyring(active: SecretKey.generate(id: id))
    }

    /// The key new secrets are sealed with.
    public var activeKey: SecretKey { keys[0] }

    /// The ids of every key, the active one first.
    public var keyIDs: [String] { keys.map(\.id) }

    /// The key called `id`, if the keyring holds it.
    public func key(id: String) -> SecretKey? {
        keys.first { $0.id == id }
    }

    /// A keyring in which `key` is active and every current key is kept for opening.
    /// - Throws: ``PortalError`` `invalid` when a key with the same id is already present.
    public func activating(_ key: SecretKey) throws -> SecretKeyring {
        try SecretKeyring(active: key, others: keys)
    }

    /// A keyring without the retired key `id`.
    /// - Throws: ``PortalError`` `invalid` when `id` is the active key (activate another first)
    ///   or ``PortalError`` `notFound` when no such key exists.
    public func removing(id: String) throws -> SecretKeyring {
        guard key(id: id) != nil else { throw PortalError.notFound("No key '\(id)' in the keyring.", field: "id") }
        guard id != activeKey.id else {
            throw PortalError.invalid("The active key cannot be removed; activate another key first.", field: "id")
        }
        return try SecretKeyring(active: activeKey, others: keys.dropFirst().filter { $0.id != id })
    }

    /// The keyring as key-file text: one `id:base64` line per key, the active key first.
    /// This reveals key material; write it only to a protected file.
    public var exportedText: String {
        keys.map(\.exportedText).joined(separator: "\n")
    }

    public var description: String {
        "SecretKeyring(active: \(activeKey.id), keys: [\(keyIDs.joined(separator: ", "))], <redacted>)"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["keyIDs": keyIDs], displayStyle: .struct) }
}

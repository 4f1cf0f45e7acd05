import Crypto
import Foundation

/// The kernel's ``SecretBox``: AES-256-GCM with keys from a ``SecretKeyring``.
///
/// - Sealing uses the keyring's active key and a fresh random 96-bit nonce; the result records
///   the key id, and its payload is nonce ‖ ciphertext ‖ 128-bit tag.
/// - The authenticated data is the format version and the context (`"v1\u{0}" + context`), so
///   a ciphertext only opens for the use it was sealed for.
/// - Opening picks the key named in the sealed secret, so secrets sealed before a rotation keep
///   opening while ``needsResealing(_:)`` reports them.
///
/// ```swift
/// let box = AESGCMSecretBox(keyring: try SecretKeyring(parsing: environment["PORTAL_SECRETS_KEYS"] ?? ""))
/// let context = "tenant:\(tenantID)/gateway:stripe/secret_key"
/// let sealed = try box.seal(Secret("sk_test_…"), context: context)   // store sealed.text
/// let apiKey = try box.openSecret(sealed, context: context)
/// ```
public struct AESGCMSecretBox: SecretBox, CustomStringConvertible {
    /// The keys this box seals and opens with.
    public let keyring: SecretKeyring

    public init(keyring: SecretKeyring) {
        self.keyring = keyring
    }

    public func seal(_ plaintext: [UInt8], context: String) throws -> SealedSecret {
        let key = keyring.activeKey
        do {
            let box = try AES.GCM.seal(plaintext, using: key.symmetricKey, authenticating: authenticatedData(context))
            guard let combined = box.combined else {
                throw PortalError.internal(debugDetail: "secret box: AES-GCM produced no combined representation")
            }
            return try SealedSecret(keyID: key.id, payload: Array(combined))
        } catch let error as PortalError {
            throw error
        } catch {
            throw PortalError.internal(debugDetail: "secret box: sealing with key '\(key.id)' failed")
        }
    }

    public func open(_ sealed: SealedSecret, context: String) throws -> [UInt8] {
        guard let key = keyring.key(id: sealed.keyID) else {
            throw PortalError.internal(
                debugDetail: "secret box: no key '\(sealed.keyID)' in the keyring (keys: \(keyring.keyIDs.joined(separator: ", ")))")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.payload)
            return Array(try AES.GCM.open(box, using: key.symmetricKey, authenticating: authenticatedData(context)))
        } catch {
            throw PortalError.internal(
                debugDetail: "secret box: authentication failed with key '\(key.id)' (wrong context, wrong key or altered data)")
        }
    }

    /// Whether `sealed` was sealed with a key other than the active one.
    public func needsResealing(_ sealed: SealedSecret) -> Bool {
        sealed.keyID != keyring.activeKey.id
    }

    public var description: String { "AESGCMSecretBox(\(keyring))" }

    private func authenticatedData(_ context: String) -> [UInt8] {
        Array(SealedSecret.version.utf8) + [0] + Array(context.utf8)
    }
}

/// The secret box port: encrypts secrets the kernel must store (tenants' gateway keys, SMTP
/// passwords, webhook signing secrets) and decrypts them when a plugin needs them.
///
/// Every call takes a **context**: associated data that binds a ciphertext to its use, such as
/// `"tenant:<id>/gateway:stripe/secret_key"`. It is authenticated, not stored: opening with any
/// other context fails, so a ciphertext copied into another row or another tenant is useless.
/// Build contexts from stable identifiers, never from values that may change (names, emails).
///
/// The kernel's implementation is ``AESGCMSecretBox``; tests may use it with a generated
/// ``SecretKeyring``.
///
/// ## Implementation requirements
/// - Use authenticated encryption and authenticate `context`; `open` must fail for a wrong
///   context, a wrong key or any altered byte.
/// - Use a fresh random nonce for every `seal`; sealing the same plaintext twice gives different
///   results.
/// - Record in ``SealedSecret/keyID`` which key sealed the secret, and keep opening secrets
///   sealed with retired keys as long as the key is configured.
/// - Throw ``PortalError`` on failure. Neither errors nor descriptions may contain key
///   material, plaintext or the context's secret parts.
///
/// A sample conformance (a test double that does not encrypt, for illustration only):
/// ```swift
/// struct PlainBox: SecretBox {
///     func seal(_ plaintext: [UInt8], context: String) throws -> SealedSecret {
///         try SealedSecret(keyID: "plain", payload: Array(context.utf8) + [0] + plaintext + Array(repeating: 0, count: 28))
///     }
///     func open(_ sealed: SealedSecret, context: String) throws -> [UInt8] {
///         let prefix = Array(context.utf8) + [0]
///         guard sealed.payload.starts(with: prefix) else { throw PortalError.internal(debugDetail: "wrong context") }
///         return Array(sealed.payload.dropFirst(prefix.count).dropLast(28))
///     }
/// }
/// ```
public protocol SecretBox: Sendable {
    /// Encrypts `plaintext`, binding it to `context`.
    func seal(_ plaintext: [UInt8], context: String) throws -> SealedSecret

    /// Decrypts `sealed`, which must have been sealed with the same `context`.
    func open(_ sealed: SealedSecret, context: String) throws -> [UInt8]

    /// Whether `sealed` was sealed with a key other than the one new seals use, so it should be
    /// rewritten with ``reseal(_:context:)``. Defaults to `false` for boxes without rotation.
    func needsResealing(_ sealed: SealedSecret) -> Bool
}

extension SecretBox {
    public func needsResealing(_ sealed: SealedSecret) -> Bool { false }

    /// Seals a text secret (its UTF-8 bytes).
    public func seal(_ secret: Secret, context: String) throws -> SealedSecret {
        try seal(secret.bytes, context: context)
    }

    /// Opens a sealed text secret as a ``Secret``, so it stays redacted in logs.
    public func openSecret(_ sealed: SealedSecret, context: String) throws -> Secret {
        Secret(bytes: try open(sealed, context: context))
    }

    /// Opens `sealed` and seals the plaintext again under the current key. Returns `sealed`
    /// unchanged when it does not need resealing.
    public func reseal(_ sealed: SealedSecret, context: String) throws -> SealedSecret {
        guard needsResealing(sealed) else { return sealed }
        return try seal(open(sealed, context: context), context: context)
    }
}

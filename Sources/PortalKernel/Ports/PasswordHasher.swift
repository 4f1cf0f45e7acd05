/// Hashes and checks passwords. Implementations are slow on purpose; they must run the work off the caller's executor.
///
/// The kernel checks a new password with ``PasswordRules/validate(_:field:)`` before hashing it
/// and stores only the returned hash.
///
/// ## Implementation requirements
/// - Use an adaptive, salted password hash (bcrypt, scrypt, Argon2): hashing one password twice
///   gives different results, and both verify.
/// - Run the hashing on threads of your own (a `BlockingThreadPool`), never on Swift's
///   cooperative pool or an event loop.
/// - `verify` returns `false` for a wrong password and for a stored hash it cannot read; throw
///   only when the hasher itself cannot work (its threads have stopped).
/// - Never put a password in an error, a log message or a description.
///
/// A sample conformance (a test double that does not hash, for illustration only):
/// ```swift
/// struct PlainHasher: PasswordHasher {
///     func hash(_ password: String) async throws -> String { "plain:" + password }
///     func verify(_ password: String, against hash: String) async throws -> Bool {
///         ConstantTime.equals("plain:" + password, hash)
///     }
/// }
/// ```
public protocol PasswordHasher: Sendable {
    /// A new salted hash of `password`, in the implementation's self-describing text format.
    func hash(_ password: String) async throws -> String

    /// Whether `password` matches `hash`; `false` also when `hash` is malformed.
    func verify(_ password: String, against hash: String) async throws -> Bool
}

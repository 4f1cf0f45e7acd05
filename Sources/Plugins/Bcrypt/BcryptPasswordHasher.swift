import HummingbirdBcrypt
import PortalBlocking
import PortalKernel

/// The kernel's ``PasswordHasher`` using bcrypt, with the work on a ``BlockingThreadPool``.
///
/// ```swift
/// let pool = BlockingThreadPool(name: "bcrypt", threads: 2)
/// let hasher = try BcryptPasswordHasher(cost: 12, pool: pool)
/// let stored = try await hasher.hash(password)   // "$2b$12$…"
/// if try await hasher.verify(password, against: stored), hasher.needsRehash(stored) { … }
/// ```
///
/// bcrypt reads at most 72 bytes and stops at a NUL byte, so passwords longer than
/// ``PasswordRules/maximumBytes`` or containing NUL are refused by ``hash(_:)`` and never verify,
/// instead of being silently truncated.
public struct BcryptPasswordHasher: PasswordHasher {
    /// The default cost (log2 of the rounds): about a quarter of a second on a current server core.
    public static let defaultCost = 12
    /// The costs bcrypt accepts.
    public static let costRange = 4...31

    /// The cost new hashes are made with.
    public let cost: Int
    private let pool: BlockingThreadPool

    /// A hasher making hashes with `cost`, running on `pool`.
    /// - Throws: ``PortalError`` `invalid` (field `auth.bcrypt_cost`) for a cost outside 4...31.
    public init(cost: Int = defaultCost, pool: BlockingThreadPool) throws {
        guard Self.costRange.contains(cost) else {
            let range = Self.costRange
            throw PortalError.invalid(
                "The bcrypt cost must be between \(range.lowerBound) and \(range.upperBound); got \(cost).",
                field: "auth.bcrypt_cost")
        }
        self.cost = cost
        self.pool = pool
    }

    /// A new `$2b$`-format hash of `password`.
    /// - Throws: ``PortalError`` `invalid` (field `password`) for a password bcrypt would truncate;
    ///   `unavailable` once the pool has shut down.
    public func hash(_ password: String) async throws -> String {
        guard Self.isHashable(password) else {
            throw PortalError.invalid(
                "The password must be at most \(PasswordRules.maximumBytes) bytes long (bcrypt's limit) "
                    + "and must not contain NUL characters.",
                field: "password")
        }
        let cost = UInt8(cost)
        return try await pool.run { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. `false` for a malformed hash and for a password
    /// bcrypt would truncate.
    public func verify(_ password: String, against hash: String) async throws -> Bool {
        guard Self.isHashable(password), Self.cost(of: hash) != nil else { return false }
        return try await pool.run { Bcrypt.verify(password, hash: hash) }
    }

    /// Whether `hash` should be replaced by a new hash of the same password (made at sign-in,
    /// when the password is at hand): its cost differs from ``cost``, or it is not a bcrypt hash.
    public func needsRehash(_ hash: String) -> Bool {
        Self.cost(of: hash) != cost
    }

    /// The cost of a well-formed `$2a$`, `$2b$` or `$2y$` hash (`$2b$12$` + 53 characters of
    /// bcrypt's base64), or `nil` when `hash` is anything else.
    static func cost(of hash: String) -> Int? {
        let bytes = Array(hash.utf8)
        guard bytes.count == 60, bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "2"),
            [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")].contains(bytes[2]),
            bytes[3] == UInt8(ascii: "$"), bytes[6] == UInt8(ascii: "$"),
            let tens = digit(bytes[4]), let units = digit(bytes[5]),
            bytes[7...].allSatisfy(isBcryptBase64)
        else { return nil }
        let cost = tens * 10 + units
        return costRange.contains(cost) ? cost : nil
    }

    private static func isHashable(_ password: String) -> Bool {
        password.utf8.count <= PasswordRules.maximumBytes && !password.utf8.contains(0)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func isBcryptBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "/"):
            true
        default: false
        }
    }
}

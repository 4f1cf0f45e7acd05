import Crypto

/// Hashing helpers shared across the kernel.
public enum Digests {
    /// Lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        ByteEncoding.hex(SHA256.hash(data: bytes))
    }
}

import Crypto

/// Comparisons whose running time does not depend on where two secrets first differ.
///
/// Use these (or `HMAC.isValidAuthenticationCode`) whenever one side of a comparison is a
/// secret or a signature an attacker is trying to guess: a shared webhook token, an HMAC.
public enum ConstantTime {
    /// Whether `lhs` and `rhs` hold the same bytes.
    ///
    /// Runs in time proportional to the longer input. A length difference returns `false`
    /// without revealing anything about the contents.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        let length = max(lhs.count, rhs.count)
        var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
        for index in 0..<length {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }

    /// Whether two strings have the same UTF-8 bytes, compared through their SHA-256 digests
    /// so that neither the contents nor the length of the secret side leaks through timing.
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(SHA256.hash(data: Array(lhs.utf8)))
        let right = Array(SHA256.hash(data: Array(rhs.utf8)))
        return equals(left, right)
    }
}

/// The format of the keys the kernel hands to providers for deduplication: payment and refund
/// idempotency keys, batch keys, message keys.
///
/// 1–64 characters from `A–Z a–z 0–9 - _ . :` fit every provider's limit (PayPal
/// `PayPal-Request-Id` 108, Stripe `Idempotency-Key` 255, NetCash references, an SMTP
/// `Message-ID` local part) without escaping.
enum KernelKeyFormat {
    static let maximumLength = 64

    static func isValid(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= maximumLength
            && key.utf8.allSatisfy { char in
                switch char {
                case 65...90, 97...122, 48...57, 45, 95, 46, 58: true
                default: false
                }
            }
    }

    /// Throws ``PortalError`` `invalid` with `field` unless `key` is valid.
    static func validate(_ key: String, field: String) throws {
        guard isValid(key) else {
            throw PortalError.invalid(
                "A key is 1 to \(maximumLength) letters, digits or - _ . : characters.", field: field)
        }
    }
}

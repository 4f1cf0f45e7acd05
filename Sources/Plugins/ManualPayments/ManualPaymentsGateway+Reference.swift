import PortalKernel

extension ManualPaymentsGateway {
    /// The reference the payer quotes: the invoice number when there is one, otherwise
    /// ``reference(forIdempotencyKey:)``.
    static func payerReference(for request: PaymentGatewayRequest) -> String {
        request.invoiceNumber.flatMap(nonBlank) ?? reference(forIdempotencyKey: request.idempotencyKey)
    }

    /// A short reference derived from an idempotency key: `PAY` and eight characters of
    /// Crockford base 32 (no I, L, O or U) taken from the key's SHA-256, such as `PAY7KQ3X9MD`.
    ///
    /// The same key always gives the same reference, so a retried start needs no stored state.
    /// Forty bits make two attempts sharing a reference unlikely; when it happens, the amount
    /// and staff review still tell the transfers apart.
    public static func reference(forIdempotencyKey key: String) -> String {
        let hex = Digests.sha256Hex(Array(key.utf8))
        var bits = UInt64(hex.prefix(10), radix: 16) ?? 0
        var characters: [Character] = []
        for _ in 0..<8 {
            characters.append(crockfordAlphabet[Int(bits & 31)])
            bits >>= 5
        }
        return "PAY" + String(characters.reversed())
    }

    private static let crockfordAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
}

import Crypto

extension WebhookSignature {
    /// Stripe's default tolerance for the age of a signed delivery: 300 seconds.
    public static let stripeDefaultTolerance: Duration = .seconds(300)

    /// Verifies a `Stripe-Signature` header (`t=<unix seconds>,v1=<hex>[,v1=<hex>…]`).
    ///
    /// The signed payload is `"<t>."` followed by the raw body; the signature is a lowercase hex
    /// HMAC-SHA256 keyed with the whole endpoint secret, `whsec_` prefix included. Every `v1`
    /// value is tried, so a header signed with both the old and the new secret during a rotation
    /// verifies with either. Other schemes (`v0`) are ignored, which prevents downgrades.
    ///
    /// - Parameters:
    ///   - header: the `Stripe-Signature` value, or `nil` when absent.
    ///   - body: the raw request body.
    ///   - secret: the endpoint's signing secret.
    ///   - now: the current instant, from the kernel's ``WallClock``.
    ///   - tolerance: how old `t` may be; `nil` or zero disables the check. Like Stripe's SDKs,
    ///     only old timestamps are rejected, not future ones.
    public static func verifyStripe(
        header: String?, body: [UInt8], secret: Secret, now: Instant,
        tolerance: Duration? = stripeDefaultTolerance
    ) throws {
        guard let header, let parsed = StripeSignatureHeader(header) else {
            throw rejection("unable to extract timestamp and signatures from Stripe-Signature")
        }
        guard !parsed.signatures.isEmpty else { throw rejection("no v1 signature in Stripe-Signature") }
        let payload = stripeSignedPayload(timestamp: parsed.timestamp, body: body)
        var matched = false
        for signature in parsed.signatures where isValidHMACSHA256Hex(signature, message: payload, secret: secret.bytes) {
            matched = true
        }
        guard matched else { throw rejection("no Stripe-Signature v1 value matches the body") }
        if let tolerance, tolerance > .zero, Instant(secondsSinceEpoch: parsed.timestamp) < now - tolerance {
            throw rejection("Stripe-Signature timestamp is older than the tolerance")
        }
    }

    /// A `Stripe-Signature` header for `body` signed at `timestamp` with each of `secrets`
    /// (several secrets produce several `v1` values, as during a rotation). For fakes and tests.
    public static func stripeHeader(body: [UInt8], secrets: [Secret], timestamp: Instant) -> String {
        let seconds = timestamp.secondsSinceEpoch
        let payload = stripeSignedPayload(timestamp: seconds, body: body)
        let signatures = secrets.map { "v1=" + hmacSHA256Hex(payload, secret: $0.bytes) }
        return (["t=\(seconds)"] + signatures).joined(separator: ",")
    }

    static func stripeSignedPayload(timestamp: Int64, body: [UInt8]) -> [UInt8] {
        Array("\(timestamp).".utf8) + body
    }
}

/// The parts of a `Stripe-Signature` header that matter: the timestamp and every `v1` value.
struct StripeSignatureHeader: Sendable, Hashable {
    var timestamp: Int64
    var signatures: [String]

    /// Parses `t=…,v1=…,v1=…`; returns `nil` when there is no integer `t`.
    init?(_ header: String) {
        var timestamp: Int64?
        var signatures: [String] = []
        for item in header.split(separator: ",") {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let key = String(item[..<equals]).trimmingSpaces
            let value = String(item[item.index(after: equals)...]).trimmingSpaces
            switch key {
            case "t": timestamp = Int64(value)
            case "v1": signatures.append(value)
            default: continue
            }
        }
        guard let timestamp else { return nil }
        self.timestamp = timestamp
        self.signatures = signatures
    }
}

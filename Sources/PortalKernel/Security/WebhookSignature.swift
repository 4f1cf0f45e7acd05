import Crypto

/// Verification of signed webhook deliveries, shared by the provider plugins.
///
/// Every check works on the **raw body bytes exactly as received** (never re-serialised JSON)
/// and compares in constant time. A failed check throws ``PortalError`` with code
/// `unauthenticated` and one generic message, so the sender learns nothing about which part
/// failed; the specific reason is in ``PortalError/debugDetail`` for the operator's log.
///
/// | Provider | Header | Scheme | Helper |
/// |---|---|---|---|
/// | Stripe | `Stripe-Signature` | HMAC-SHA256 hex over `"<t>.<body>"`, 300 s tolerance | ``verifyStripe(header:body:secret:now:tolerance:)`` |
/// | GitHub | `X-Hub-Signature-256` | `sha256=` + HMAC-SHA256 hex over the body | ``verifyGitHub(header:body:secret:)`` |
/// | MailerSend | `Signature` | HMAC-SHA256 hex over the body | ``verifyMailerSend(header:body:secret:)`` |
/// | GitLab | `X-Gitlab-Token` | the shared secret itself | ``verifyGitLab(token:secret:)`` |
///
/// ```swift
/// try WebhookSignature.verifyGitHub(
///     header: request.headers["X-Hub-Signature-256"], body: request.body, secret: configuration.webhookSecret)
/// ```
public enum WebhookSignature {
    /// The message every rejection carries; deliberately the same for every reason.
    public static let rejectionMessage = "The webhook signature could not be verified."

    // MARK: HMAC-SHA256 hex

    /// Lowercase hex HMAC-SHA256 of `message` keyed with `secret`: what a provider (or a local
    /// fake of one) puts in its signature header.
    public static func hmacSHA256Hex(_ message: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return ByteEncoding.hex(code)
    }

    /// Whether `signature` (hex, either case) is the HMAC-SHA256 of `message` under `secret`.
    /// The comparison is constant-time; malformed hex or a wrong length is simply `false`.
    public static func isValidHMACSHA256Hex(_ signature: some StringProtocol, message: [UInt8], secret: [UInt8]) -> Bool {
        guard let code = ByteEncoding.bytes(fromHex: signature), code.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: SymmetricKey(data: secret))
    }

    // MARK: GitHub

    /// The `X-Hub-Signature-256` value GitHub sends for `body`: `sha256=<hex>`.
    public static func gitHubHeader(body: [UInt8], secret: Secret) -> String {
        "sha256=" + hmacSHA256Hex(body, secret: secret.bytes)
    }

    /// Verifies GitHub's `X-Hub-Signature-256` header (`sha256=<hex HMAC-SHA256 of the body>`).
    /// A missing header, another scheme (the legacy `sha1=`) or a mismatch is rejected.
    public static func verifyGitHub(header: String?, body: [UInt8], secret: Secret) throws {
        guard let header = header?.trimmingSpaces, !header.isEmpty else { throw rejection("missing X-Hub-Signature-256 header") }
        guard header.hasPrefix("sha256=") else { throw rejection("X-Hub-Signature-256 does not use the sha256= scheme") }
        guard isValidHMACSHA256Hex(header.dropFirst("sha256=".count), message: body, secret: secret.bytes) else {
            throw rejection("X-Hub-Signature-256 does not match the body")
        }
    }

    // MARK: MailerSend

    /// The `Signature` value MailerSend sends for `body`: plain lowercase hex.
    public static func mailerSendHeader(body: [UInt8], secret: Secret) -> String {
        hmacSHA256Hex(body, secret: secret.bytes)
    }

    /// Verifies MailerSend's `Signature` header (plain hex HMAC-SHA256 of the body). The scheme
    /// has no timestamp, so deduplicate deliveries on the event id.
    public static func verifyMailerSend(header: String?, body: [UInt8], secret: Secret) throws {
        guard let header = header?.trimmingSpaces, !header.isEmpty else { throw rejection("missing Signature header") }
        guard isValidHMACSHA256Hex(header, message: body, secret: secret.bytes) else {
            throw rejection("Signature does not match the body")
        }
    }

    // MARK: GitLab

    /// Verifies GitLab's `X-Gitlab-Token` header, which carries the configured secret itself.
    public static func verifyGitLab(token: String?, secret: Secret) throws {
        guard let token, !token.isEmpty else { throw rejection("missing X-Gitlab-Token header") }
        guard ConstantTime.equals(token, secret.revealed) else { throw rejection("X-Gitlab-Token does not match") }
    }

    // MARK: Errors

    /// The error every failed check throws: `unauthenticated`, one message, the reason in `debugDetail`.
    static func rejection(_ reason: String) -> PortalError {
        PortalError(.unauthenticated, rejectionMessage, debugDetail: "webhook signature: \(reason)")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}

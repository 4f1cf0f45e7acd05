/// How a port implementation establishes that an inbound webhook is genuine, which tells the
/// kernel where it may parse the delivery.
///
/// | Case | Examples | What the kernel does |
/// |---|---|---|
/// | ``offline`` | Stripe, GitHub, MailerSend (HMAC); GitLab (shared token) | parses in the request handler and answers from the result |
/// | ``providerCall`` | PayPal (`verify-webhook-signature` or fetching the signing certificate) | stores the delivery, answers 2xx, parses from a job |
/// | ``unsigned`` | NetCash Pay Now postbacks | treats the parsed events as claims: acts only when they match its own record (reference, amount, callback token) and, where possible, a status look-up confirms them |
public enum WebhookVerification: String, Sendable, Hashable, Codable, CaseIterable {
    /// Verified locally from the body, the headers and configured secrets.
    case offline
    /// Verification needs a network call to the provider.
    case providerCall = "provider_call"
    /// The provider does not sign deliveries; the parsed events are unverified claims.
    case unsigned
}

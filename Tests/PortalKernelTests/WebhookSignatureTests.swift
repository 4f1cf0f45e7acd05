import PortalKernel
import Testing

/// The vectors come from /work/shared/reference (stripe.md, github.md, mailersend.md).
@Suite("Webhook signatures")
struct WebhookSignatureTests {
    // MARK: Stripe

    static let stripeBody = Array(
        #"{"id":"evt_test_1","object":"event","type":"payment_intent.succeeded","created":1700000000,"livemode":false,"data":{"object":{"id":"pi_test_1","object":"payment_intent","amount":2000,"currency":"usd","status":"succeeded"}}}"#
            .utf8)
    static let stripeSecret = Secret("whsec_test_secret")
    static let stripeV1 = "a71f3a7d5f963416f3d7fdc6129fa37e1e336a106c64a3cccf4f9537463628ec"
    static let stripeOldV1 = "253ad08560cb2bb61100c01b1cd667216de8dc47f6091a9a195526972480e3ec"
    static let signedAt = Instant(secondsSinceEpoch: 1_700_000_000)

    @Test("the reference body is 223 bytes and signs to the reference value")
    func stripeVector() throws {
        #expect(Self.stripeBody.count == 223)
        let header = WebhookSignature.stripeHeader(body: Self.stripeBody, secrets: [Self.stripeSecret], timestamp: Self.signedAt)
        #expect(header == "t=1700000000,v1=\(Self.stripeV1)")
        try WebhookSignature.verifyStripe(
            header: header, body: Self.stripeBody, secret: Self.stripeSecret, now: Self.signedAt + .seconds(10))
    }

    @Test("rotation: a header with the old and the new signature verifies with the new secret")
    func stripeRotation() throws {
        let header = "t=1700000000,v1=\(Self.stripeOldV1),v1=\(Self.stripeV1)"
        let generated = WebhookSignature.stripeHeader(
            body: Self.stripeBody, secrets: [Secret("whsec_old_secret"), Self.stripeSecret], timestamp: Self.signedAt)
        #expect(generated == header)
        try WebhookSignature.verifyStripe(header: header, body: Self.stripeBody, secret: Self.stripeSecret, now: Self.signedAt)
        try WebhookSignature.verifyStripe(
            header: header, body: Self.stripeBody, secret: Secret("whsec_old_secret"), now: Self.signedAt)
    }

    @Test("a stale timestamp is rejected with the default 300 s tolerance and accepted with the check disabled")
    func stripeTolerance() throws {
        let header = "t=1700000000,v1=\(Self.stripeV1)"
        try WebhookSignature.verifyStripe(
            header: header, body: Self.stripeBody, secret: Self.stripeSecret, now: Self.signedAt + .seconds(300))
        let error = #expect(throws: PortalError.self) {
            try WebhookSignature.verifyStripe(
                header: header, body: Self.stripeBody, secret: Self.stripeSecret, now: Self.signedAt + .seconds(301))
        }
        #expect(error?.code == .unauthenticated)
        #expect(error?.debugDetail?.contains("tolerance") == true)
        let today = Instant(secondsSinceEpoch: 1_780_000_000)
        #expect(throws: PortalError.self) {
            try WebhookSignature.verifyStripe(header: header, body: Self.stripeBody, secret: Self.stripeSecret, now: today)
        }
        try WebhookSignature.verifyStripe(
            header: header, body: Self.stripeBody, secret: Self.stripeSecret, now: today, tolerance: nil)
        try WebhookSignature.verifyStripe(
            header: header, body: Self.stripeBody, secret: Self.stripeSecret, now: today, tolerance: .zero)
    }

    @Test("tampered body, wrong secret, changed timestamp, other schemes and malformed headers are rejected", arguments: [
        ("t=1700000000,v1=\(stripeV1)", Array("{}".utf8), "whsec_test_secret"),
        ("t=1700000000,v1=\(stripeV1)", stripeBody + [0x20], "whsec_test_secret"),
        ("t=1700000000,v1=\(stripeV1)", stripeBody, "whsec_wrong"),
        ("t=1700000001,v1=\(stripeV1)", stripeBody, "whsec_test_secret"),
        ("t=1700000000,v0=\(stripeV1)", stripeBody, "whsec_test_secret"),
        ("v1=\(stripeV1)", stripeBody, "whsec_test_secret"),
        ("t=1700000000,v1=\(stripeV1.dropLast(2))", stripeBody, "whsec_test_secret"),
        ("", stripeBody, "whsec_test_secret"),
    ])
    func stripeRejections(header: String, body: [UInt8], secret: String) {
        let error = #expect(throws: PortalError.self) {
            try WebhookSignature.verifyStripe(header: header, body: body, secret: Secret(secret), now: Self.signedAt)
        }
        #expect(error?.code == .unauthenticated)
        #expect(error?.message == WebhookSignature.rejectionMessage)
        #expect(error?.debugDetail?.contains(secret) == false)
    }

    @Test("a missing Stripe-Signature header is rejected")
    func stripeMissingHeader() {
        #expect(throws: PortalError.self) {
            try WebhookSignature.verifyStripe(header: nil, body: Self.stripeBody, secret: Self.stripeSecret, now: Self.signedAt)
        }
    }

    // MARK: GitHub

    @Test("GitHub's published vector and the reference ping vector verify", arguments: [
        ("It's a Secret to Everybody", "Hello, World!", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
        ("gh-secret", #"{"zen":"Keep it logically awesome.","hook_id":1}"#,
         "sha256=ccfcf8f554fe45b6fffa3e6a32eb13ac37b3a1f337d0bbc97afee1ff38f1c81e"),
    ])
    func gitHubVectors(secret: String, body: String, header: String) throws {
        #expect(WebhookSignature.gitHubHeader(body: Array(body.utf8), secret: Secret(secret)) == header)
        try WebhookSignature.verifyGitHub(header: header, body: Array(body.utf8), secret: Secret(secret))
    }

    @Test("GitHub: tampered body, wrong secret, legacy sha1, bare hex and missing header are rejected")
    func gitHubRejections() {
        let secret = Secret("It's a Secret to Everybody")
        let header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        let cases: [(String?, String, Secret)] = [
            (header, "Hello, World?", secret),
            (header, "Hello, World!", Secret("It's a secret to everybody")),
            ("sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59", "Hello, World!", secret),
            (String(header.dropFirst("sha256=".count)), "Hello, World!", secret),
            (nil, "Hello, World!", secret),
            ("sha256=", "Hello, World!", secret),
        ]
        for (header, body, secret) in cases {
            let error = #expect(throws: PortalError.self) {
                try WebhookSignature.verifyGitHub(header: header, body: Array(body.utf8), secret: secret)
            }
            #expect(error?.code == .unauthenticated)
        }
    }

    // MARK: MailerSend

    static let mailerSendBody = Array(
        #"{"type":"activity.delivered","domain_id":"d1","created_at":"2026-01-01T00:00:00.000000Z","webhook_id":"w1","url":"https://example.test/hook","data":{"object":"activity","id":"a1","type":"delivered"}}"#
            .utf8)
    static let mailerSendSignature = "cb55d4726ff1a15167b49ffece88f33542469331e2578e45f0341451878e33aa"

    @Test("MailerSend's reference vector verifies, in either hex case")
    func mailerSendVector() throws {
        let secret = Secret("ms_signing_secret")
        #expect(WebhookSignature.mailerSendHeader(body: Self.mailerSendBody, secret: secret) == Self.mailerSendSignature)
        try WebhookSignature.verifyMailerSend(header: Self.mailerSendSignature, body: Self.mailerSendBody, secret: secret)
        try WebhookSignature.verifyMailerSend(
            header: Self.mailerSendSignature.uppercased(), body: Self.mailerSendBody, secret: secret)
    }

    @Test("MailerSend: tampered body, wrong secret, bad hex and missing header are rejected")
    func mailerSendRejections() {
        let secret = Secret("ms_signing_secret")
        let tampered = Array(Self.mailerSendBody.dropLast()) + [0x7D, 0x0A]
        #expect(throws: PortalError.self) {
            try WebhookSignature.verifyMailerSend(header: Self.mailerSendSignature, body: tampered, secret: secret)
        }
        #expect(throws: PortalError.self) {
            try WebhookSignature.verifyMailerSend(
                header: Self.mailerSendSignature, body: Self.mailerSendBody, secret: Secret("ms_other"))
        }
        #expect(throws: PortalError.self) {
            try WebhookSignature.verifyMailerSend(header: nil, body: Self.mailerSendBody, secret: secret)
        }
        let badHex = "zz" + Self.mailerSendSignature.dropFirst(2)
        #expect(throws: PortalError.self) {
            try WebhookSignature.verifyMailerSend(header: badHex, body: Self.mailerSendBody, secret: secret)
        }
    }

    // MARK: GitLab and constant-time helpers

    @Test("GitLab compares the shared token exactly")
    func gitLabToken() throws {
        let secret = Secret("gl-token-123")
        try WebhookSignature.verifyGitLab(token: "gl-token-123", secret: secret)
        for token in [nil, "", "gl-token-12", "gl-token-1234", "GL-TOKEN-123"] {
            #expect(throws: PortalError.self) { try WebhookSignature.verifyGitLab(token: token, secret: secret) }
        }
    }

    @Test("constant-time equality agrees with ordinary equality")
    func constantTime() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(
            WebhookSignature.isValidHMACSHA256Hex(
                Self.mailerSendSignature, message: Self.mailerSendBody, secret: Array("ms_signing_secret".utf8)))
        #expect(!WebhookSignature.isValidHMACSHA256Hex("not hex", message: [], secret: []))
    }
}

import Crypto

/// Time-based one-time passwords (RFC 6238), the codes authenticator apps show.
///
/// ```swift
/// let secret = TOTP.generateSecret()            // store sealed, show once as a QR code:
/// let uri = TOTP(secret: secret).provisioningURI(issuer: "Acme Portal", account: "ada@example.com")
/// // at sign-in:
/// guard let step = TOTP(secret: secret).matchingStep(code, at: clock.now), step > lastUsedStep else {
///     throw PortalError.unauthenticated("The code is wrong or was already used.")
/// }
/// // store `step` as the account's last used step
/// ```
///
/// A code stays valid for its whole step and, with the default window, for one step either side.
/// Callers must refuse a replayed code: keep the step ``matchingStep(_:at:window:)`` returned
/// for the last successful sign-in and accept only later steps.
///
/// The secret never appears in ``description`` or `dump` output.
public struct TOTP: Sendable, CustomStringConvertible, CustomReflectable {
    /// The HMAC hash function. Authenticator apps widely support only ``sha1``.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case sha1 = "SHA1"
        case sha256 = "SHA256"
        case sha512 = "SHA512"
    }

    /// How codes are made: the defaults (SHA-1, 6 digits, 30-second steps) are what every
    /// authenticator app expects.
    public struct Parameters: Sendable, Hashable {
        /// The hash function for the HMAC.
        public var algorithm: Algorithm
        /// The number of digits in a code, 6 to 10.
        public var digits: Int
        /// The length of a time step in seconds, at least 1.
        public var stepSeconds: Int64

        public init(algorithm: Algorithm = .sha1, digits: Int = 6, stepSeconds: Int64 = 30) {
            precondition((6...10).contains(digits), "TOTP codes have 6 to 10 digits")
            precondition(stepSeconds >= 1, "a TOTP step lasts at least one second")
            self.algorithm = algorithm
            self.digits = digits
            self.stepSeconds = stepSeconds
        }
    }

    /// The number of bytes ``generateSecret()`` returns (160 bits, as RFC 4226 recommends).
    public static let secretByteCount = 20

    private let key: SymmetricKey
    private let secret: [UInt8]
    /// How codes are made.
    public let parameters: Parameters

    /// A generator for the shared `secret` (raw bytes, not base32 text).
    public init(secret: [UInt8], parameters: Parameters = .init()) {
        self.secret = secret
        self.key = SymmetricKey(data: secret)
        self.parameters = parameters
    }

    /// A new random secret of ``secretByteCount`` bytes from the system's secure random source.
    public static func generateSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<secretByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The time step (RFC 6238's counter `T`) that `instant` falls in.
    public func step(at instant: Instant) -> Int64 {
        instant.secondsSinceEpoch.floorDivided(by: parameters.stepSeconds)
    }

    /// The code for the step `instant` falls in, zero-padded to ``Parameters/digits`` digits.
    public func code(at instant: Instant) -> String {
        code(forStep: step(at: instant))
    }

    /// The code for time step `step` (RFC 4226's HOTP of that counter).
    public func code(forStep step: Int64) -> String {
        let message = withUnsafeBytes(of: UInt64(bitPattern: step).bigEndian) { Array($0) }
        let mac: [UInt8] =
            switch parameters.algorithm {
            case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
            case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
            }
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let truncated =
            UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16
            | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])
        var modulus: UInt64 = 1
        for _ in 0..<parameters.digits { modulus *= 10 }
        let value = String(UInt64(truncated) % modulus)
        return String(repeating: "0", count: parameters.digits - value.count) + value
    }

    /// The time step whose code equals `code`, looking `window` steps either side of the step
    /// `instant` falls in; `nil` when none does, or when `code` is not exactly
    /// ``Parameters/digits`` ASCII digits.
    ///
    /// Codes are compared in constant time. Callers must remember the returned step and refuse
    /// any code whose step is not later than the last one accepted, so a code cannot be replayed.
    public func matchingStep(_ code: String, at instant: Instant, window: Int = 1) -> Int64? {
        let presented = Array(code.utf8)
        guard presented.count == parameters.digits,
            presented.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        let current = step(at: instant)
        let reach = Int64(max(0, window))
        // Try the current step first, then outwards; check every candidate so timing does not
        // depend on which one matched.
        var offsets: [Int64] = [0]
        if reach > 0 { for distance in 1...reach { offsets += [-distance, distance] } }
        var matched: Int64?
        for offset in offsets {
            let candidate = current + offset
            if ConstantTime.equals(Array(self.code(forStep: candidate).utf8), presented), matched == nil {
                matched = candidate
            }
        }
        return matched
    }

    /// The `otpauth://` URI an authenticator app reads from a QR code:
    /// `otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30`,
    /// with the issuer and account percent-encoded.
    ///
    /// The URI contains the secret: render it as a QR code for the user, never log or store it.
    public func provisioningURI(issuer: String, account: String) -> String {
        let issuerText = Self.percentEncoded(issuer)
        return "otpauth://totp/\(issuerText):\(Self.percentEncoded(account))"
            + "?secret=\(Base32.encode(secret))&issuer=\(issuerText)"
            + "&algorithm=\(parameters.algorithm.rawValue)&digits=\(parameters.digits)&period=\(parameters.stepSeconds)"
    }

    public var description: String { "TOTP(\(parameters.algorithm.rawValue), \(parameters.digits) digits, redacted)" }
    public var customMirror: Mirror { Mirror(self, children: ["parameters": parameters], displayStyle: .struct) }

    /// Percent-encodes every UTF-8 byte outside RFC 3986's unreserved set (`A–Z a–z 0–9 - . _ ~`).
    static func percentEncoded(_ text: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import PortalKernel

/// One named check of the payment gateway port, bound to a ``PaymentGatewayConformance``
/// (the gateway factory, the account and the hooks it was given).
///
/// Run them with Swift Testing, one test case per check:
///
/// ```swift
/// @Test(arguments: Self.conformance.checks)
/// func conformance(_ check: GatewayCheck) async throws {
///     try await check.run()
/// }
/// ```
public struct GatewayCheck: Sendable, CustomStringConvertible {
    /// A short, unique name (shown as the test case's argument).
    public let name: String
    /// The check's body; it throws ``ConformanceFailure`` when the gateway does not behave as
    /// the port promises.
    public let run: @Sendable () async throws -> Void

    public var description: String { name }

    public init(name: String, run: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.run = run
    }
}

/// The outcome of one check in ``PaymentGatewayConformance/run()``.
public struct GatewayCheckResult: Sendable, Hashable, CustomStringConvertible {
    /// How a check ended.
    public enum Outcome: Sendable, Hashable {
        case passed
        /// The gateway fell short; the message says how (it never repeats a sensitive value).
        case failed(String)
        /// The check does not apply to this gateway or lacks a hook; the message says which.
        case skipped(String)
    }

    /// The check's name, as in ``GatewayCheck/name``.
    public let name: String
    public let outcome: Outcome

    public init(name: String, outcome: Outcome) {
        self.name = name
        self.outcome = outcome
    }

    /// Whether the check failed (skipped checks did not).
    public var isFailure: Bool {
        if case .failed = outcome { return true }
        return false
    }

    public var description: String {
        switch outcome {
        case .passed: "passed: \(name)"
        case .failed(let message): "FAILED: \(name): \(message)"
        case .skipped(let reason): "skipped: \(name) (\(reason))"
        }
    }
}

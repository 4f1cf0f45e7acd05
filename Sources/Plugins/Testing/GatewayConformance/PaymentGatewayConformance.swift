import PortalKernel

/// The payment gateway port's conformance suite: what every ``PaymentGateway`` must do that can
/// be checked without reaching a provider, written once and run by every gateway plugin's tests.
///
/// Give it a factory that builds the gateway around an ``HTTPTransport``, an account that works,
/// and the strings that must never show up in descriptions or errors. The checks cover:
/// - capabilities: a valid plugin name, a display name, at least one flow, known operations,
///   ISO countries and currencies, sensible minimums, `live` among the modes, stable and
///   codable values, and the optional protocols (``PaymentGatewayDebitOrders``,
///   ``PaymentGatewayAccountingSync``) adopted exactly when their operation is listed;
/// - `startPayment` refusing a malformed idempotency key, an empty payment id, a zero or
///   negative amount, line items that do not add up, a currency it does not take, an amount
///   below its minimum and a flow it does not list — each with ``PortalError`` `invalid`, the
///   field ``PaymentGatewayRequest/validate()`` names, and no request sent;
/// - `startPayment` repeated with one idempotency key giving one reference, different keys
///   different references, and a next step that is one of the listed flows;
/// - operations that are not listed throwing `invalid` with field `operation`;
/// - refunds refusing a malformed key or a non-positive amount before any I/O, and refusing
///   (declining or throwing `invalid` on `amount`) more than was collected;
/// - descriptions, dumps and thrown errors never containing a secret of the account or one of
///   ``sensitiveValues``, and misconfigured accounts refused with a ``PortalError``.
///
/// The validation checks build the gateway around a transport that reaches nothing and counts
/// what was sent: refusing bad input must not cost a request. Checks that need a working start
/// use ``providerTransport`` (a faithful fake of the provider); a gateway that needs no network,
/// like the manual bank transfer, leaves it `nil`.
///
/// ```swift
/// static let conformance = PaymentGatewayConformance(
///     account: ProviderAccount(id: "acct", secrets: ["secret_key": Secret("sk_test_123")]),
///     sensitiveValues: ["whsec_456"],
///     providerTransport: { FakeStripe().transport }
/// ) { transport in
///     StripeGateway(apiBase: "https://api.stripe.test", transport: transport)
/// }
///
/// @Test(arguments: Self.conformance.checks)
/// func conformance(_ check: GatewayCheck) async throws {
///     try await check.run()
/// }
/// ```
///
/// ``checks`` holds the checks that apply to the gateway's capabilities and the hooks given;
/// ``run()`` runs every check and reports each as passed, failed or skipped (with the reason).
public struct PaymentGatewayConformance: Sendable {
    /// Builds the gateway under test around `transport`. Gateways that need no network ignore it.
    public typealias MakeGateway = @Sendable (_ transport: any HTTPTransport) throws -> any PaymentGateway

    /// A payment the provider (or its fake) already collected, for the refund checks that need one.
    public struct CollectedPayment: Sendable, Hashable {
        /// The kernel's payment id.
        public var paymentID: String
        /// The reference the provider gave the payment.
        public var reference: PaymentGatewayReference
        /// What was collected; a refund above this must be refused.
        public var amount: Money

        public init(paymentID: String, reference: PaymentGatewayReference, amount: Money) {
            self.paymentID = paymentID
            self.reference = reference
            self.amount = amount
        }
    }

    /// An account with which a valid payment can be started.
    public var account: ProviderAccount
    /// Strings that must never appear in a description, a dump or an error: webhook secrets,
    /// bank account numbers, settings marked sensitive. The account's secrets are added.
    public var sensitiveValues: [String]
    /// Accounts the gateway must refuse with a ``PortalError`` (a missing credential, a
    /// malformed setting); their errors are also searched for sensitive values.
    public var misconfiguredAccounts: [ProviderAccount]
    /// A fresh fake of the provider for checks that start payments or refund; `nil` for
    /// gateways that need no network.
    public var providerTransport: (@Sendable () -> any HTTPTransport)?
    /// A payment the provider fake knows as collected, for the over-refund check; without it
    /// that check is skipped (the kernel then has to enforce the remaining amount itself).
    public var collectedPayment: CollectedPayment?
    /// The currency of test payments; `nil` picks the first accepted currency (USD when any).
    public var currency: Currency?
    /// Adjusts the valid request the checks start from (a return URL the fake expects, a locale).
    public var prepareRequest: @Sendable (inout PaymentGatewayRequest) -> Void
    /// Builds the gateway under test.
    public var makeGateway: MakeGateway

    public init(
        account: ProviderAccount = .default,
        sensitiveValues: [String] = [],
        misconfiguredAccounts: [ProviderAccount] = [],
        providerTransport: (@Sendable () -> any HTTPTransport)? = nil,
        collectedPayment: CollectedPayment? = nil,
        currency: Currency? = nil,
        prepareRequest: @escaping @Sendable (inout PaymentGatewayRequest) -> Void = { _ in },
        makeGateway: @escaping MakeGateway
    ) {
        self.account = account
        self.sensitiveValues = sensitiveValues
        self.misconfiguredAccounts = misconfiguredAccounts
        self.providerTransport = providerTransport
        self.collectedPayment = collectedPayment
        self.currency = currency
        self.prepareRequest = prepareRequest
        self.makeGateway = makeGateway
    }

    /// The checks that apply to this gateway and the hooks given, in a stable order. When the
    /// factory throws, a single failing check says so.
    public var checks: [GatewayCheck] {
        let capabilities: PaymentGatewayCapabilities
        do {
            capabilities = try makeGateway(OfflineHTTPTransport()).capabilities
        } catch {
            let message = "the gateway factory threw \(type(of: error))"
            return [GatewayCheck(name: "build the gateway") { throw ConformanceFailure(message) }]
        }
        return Self.entries.filter { $0.skipReason(self, capabilities) == nil }.map { entry in
            GatewayCheck(name: entry.name) { try await entry.body(self) }
        }
    }

    /// Runs every check in order and reports each one; never throws.
    public func run() async -> [GatewayCheckResult] {
        let capabilities: PaymentGatewayCapabilities
        do {
            capabilities = try makeGateway(OfflineHTTPTransport()).capabilities
        } catch {
            return [GatewayCheckResult(name: "build the gateway", outcome: .failed("the gateway factory threw \(type(of: error))"))]
        }
        var results: [GatewayCheckResult] = []
        for entry in Self.entries {
            if let reason = entry.skipReason(self, capabilities) {
                results.append(GatewayCheckResult(name: entry.name, outcome: .skipped(reason)))
                continue
            }
            do {
                try await entry.body(self)
                results.append(GatewayCheckResult(name: entry.name, outcome: .passed))
            } catch let failure as ConformanceFailure {
                results.append(GatewayCheckResult(name: entry.name, outcome: .failed(failure.description)))
            } catch {
                results.append(GatewayCheckResult(name: entry.name, outcome: .failed("threw \(type(of: error))")))
            }
        }
        return results
    }

    /// Runs every check and throws one ``ConformanceFailure`` listing all that failed.
    public func verify(file: String = #fileID, line: Int = #line) async throws {
        let failures = await run().filter(\.isFailure)
        guard failures.isEmpty else {
            throw ConformanceFailure(failures.map(\.description).joined(separator: "\n"), file: file, line: line)
        }
    }

    /// Every check, in a stable order.
    static var entries: [Entry] {
        capabilityChecks + startValidationChecks + startChecks + operationChecks + refundChecks + secrecyChecks
    }

    /// A check before it is bound to a suite: whether it applies, and its body.
    struct Entry: Sendable {
        let name: String
        /// `nil` when the check applies; otherwise why it is skipped.
        let skipReason: @Sendable (PaymentGatewayConformance, PaymentGatewayCapabilities) -> String?
        let body: @Sendable (PaymentGatewayConformance) async throws -> Void

        init(
            name: String,
            skip skipReason: @escaping @Sendable (PaymentGatewayConformance, PaymentGatewayCapabilities) -> String? = { _, _ in nil },
            run body: @escaping @Sendable (PaymentGatewayConformance) async throws -> Void
        ) {
            self.name = name
            self.skipReason = skipReason
            self.body = body
        }
    }
}

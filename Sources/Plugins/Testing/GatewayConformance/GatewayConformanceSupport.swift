import Foundation
import PortalKernel

/// A transport that reaches nothing: it counts what a gateway tried to send and fails every
/// send with ``TransportError`` `connect`. Validation checks use it to prove that bad input is
/// refused before any request.
actor OfflineHTTPTransport: HTTPTransport {
    private(set) var requestCount = 0

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requestCount += 1
        throw TransportError(.connect, "The gateway conformance suite allows no network here.")
    }
}

extension PaymentGatewayConformance {
    /// The gateway around a fresh offline transport, and the transport.
    func offlineGateway() throws -> (any PaymentGateway, OfflineHTTPTransport) {
        let transport = OfflineHTTPTransport()
        return (try makeGateway(transport), transport)
    }

    /// The gateway around a fresh provider fake, or offline when none was given.
    func providerGateway() throws -> any PaymentGateway {
        try makeGateway(providerTransport?() ?? OfflineHTTPTransport())
    }

    /// The currency test payments are made in.
    func paymentCurrency(_ capabilities: PaymentGatewayCapabilities) -> Currency {
        currency ?? capabilities.currencies.min() ?? .usd
    }

    /// A valid amount: 12,345 minor units, or the gateway's minimum when that is higher.
    func paymentAmount(_ capabilities: PaymentGatewayCapabilities) -> Money {
        let currency = paymentCurrency(capabilities)
        let minimum = capabilities.minimumAmounts.first { $0.currency == currency }?.minorUnits ?? 0
        return Money(minorUnits: max(12_345, minimum), currency: currency)
    }

    /// A valid request with a fresh payment id and key, after ``prepareRequest``.
    func validRequest(_ capabilities: PaymentGatewayCapabilities, key: String = PaymentGatewayConformance.freshKey()) -> PaymentGatewayRequest {
        var request = PaymentGatewayRequest(
            paymentID: UUID().uuidString.lowercased(), idempotencyKey: key, amount: paymentAmount(capabilities),
            description: "Conformance payment", returnURL: "https://portal.example/payments/return",
            cancelURL: "https://portal.example/payments/cancel", callbackToken: "conformance-callback-token", locale: "en")
        prepareRequest(&request)
        return request
    }

    /// A refund request for `reference`; `amount` `nil` refunds everything.
    func refundRequest(reference: PaymentGatewayReference, amount: Money?, key: String = PaymentGatewayConformance.freshKey()) -> PaymentGatewayRefundRequest {
        PaymentGatewayRefundRequest(
            refundID: UUID().uuidString.lowercased(), paymentID: collectedPayment?.paymentID ?? UUID().uuidString.lowercased(),
            idempotencyKey: key, reference: reference, amount: amount)
    }

    /// The reference refund checks use when no collected payment was given.
    var someReference: PaymentGatewayReference {
        collectedPayment?.reference ?? PaymentGatewayReference(id: "conformance-reference")
    }

    /// A well-formed idempotency key no earlier call used.
    static func freshKey() -> String { "conf-\(UUID().uuidString.lowercased())" }

    /// Keys ``PaymentGatewayRequest/validate(idempotencyKey:)`` refuses.
    static let malformedKeys = ["", "has spaces", String(repeating: "k", count: 65), "ключ-1", "key/with/slashes"]

    /// Starts `request`, turning a transport failure or a refusal into a failure that says what to fix.
    func startAccepted(
        _ gateway: any PaymentGateway, _ request: PaymentGatewayRequest, _ what: String,
        file: String = #fileID, line: Int = #line
    ) async throws -> PaymentGatewayStart {
        do {
            return try await gateway.startPayment(request, account: account)
        } catch let error as TransportError {
            throw ConformanceFailure(
                "\(what): the gateway needed the network (\(error.kind.rawValue)); pass a providerTransport that answers like the provider",
                file: file, line: line)
        } catch let error as PortalError {
            throw ConformanceFailure(
                "\(what): a valid request with the conformance account was refused: '\(error.code)' (field: \(error.field ?? "none"))",
                file: file, line: line)
        }
    }

    /// Runs `body` expecting ``PortalError`` `invalid` naming `field`, with nothing sent through `transport`.
    @discardableResult
    func expectInvalid(
        _ what: String, field: String, transport: OfflineHTTPTransport,
        file: String = #fileID, line: Int = #line, _ body: () async throws -> Void
    ) async throws -> PortalError {
        let thrown = await attempt(body)
        let sent = await transport.requestCount
        try conformanceExpect(sent == 0, "\(what): \(sent) request(s) went out before the input was checked", file: file, line: line)
        guard let thrown else {
            throw ConformanceFailure("\(what): expected an 'invalid' PortalError naming '\(field)', but it succeeded", file: file, line: line)
        }
        guard let error = thrown as? PortalError else {
            throw ConformanceFailure("\(what): expected an 'invalid' PortalError naming '\(field)', got \(type(of: thrown))", file: file, line: line)
        }
        try conformanceExpect(
            error.code == .invalid && error.field == field,
            "\(what): expected 'invalid' naming '\(field)', got '\(error.code)' naming \(error.field.map { "'\($0)'" } ?? "no field")",
            file: file, line: line)
        return error
    }

    /// The error `body` throws, or `nil` when it succeeds.
    func attempt(_ body: () async throws -> Void) async -> (any Error)? {
        do {
            try await body()
            return nil
        } catch {
            return error
        }
    }

    /// The strings that must never be shown: ``sensitiveValues`` (in their order), then every
    /// account's secrets.
    var allSensitiveValues: [String] {
        let accounts = [account] + misconfiguredAccounts
        let secrets = accounts.flatMap { $0.secrets.values.map(\.revealed) }
        var seen: Set<String> = []
        return (sensitiveValues + secrets.sorted()).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Fails when `text` contains a sensitive value, naming where (never the value itself).
    func expectNoLeak(_ text: String, in what: String, file: String = #fileID, line: Int = #line) throws {
        let values = allSensitiveValues
        if let index = values.firstIndex(where: { text.contains($0) }) {
            throw ConformanceFailure(
                "\(what) contains sensitive value #\(index + 1) of \(values.count) (\(values[index].count) characters)",
                file: file, line: line)
        }
    }
}

import PortalKernel
import PortalManualPayments

/// A tenant's EFT payment method and requests against it.
enum Fixtures {
    static let accountNumber = "62845190731"
    static let pluginAccountNumber = "40718852290"

    static let detailsJSON = """
        [{"label": "Bank", "value": "First National Bank"},
         {"label": "Account holder", "value": "Acme (Pty) Ltd"},
         {"label": "Account number", "value": "\(accountNumber)"},
         {"label": "Branch code", "value": "250655"},
         {"label": "SWIFT", "value": "FIRNZAJJ"}]
        """

    static let pluginDetailsJSON = """
        [{"label": "Bank", "value": "Standard Bank"}, {"label": "Account number", "value": "\(pluginAccountNumber)"}]
        """

    static let account = ProviderAccount(
        id: "method-eft", settings: ["details": detailsJSON, "instructions": "Pay Acme by EFT.", "display_name": "EFT (FNB)"])

    /// A gateway with no plugin-wide fallbacks.
    static let gateway = ManualPaymentsGateway()

    static func request(
        key: String = "pay-0001", amount: Money = Money(minorUnits: 125_000, currency: .zar), invoiceNumber: String? = nil,
        flow: PaymentGatewayOperation? = nil, metadata: [String: String] = [:]
    ) -> PaymentGatewayRequest {
        PaymentGatewayRequest(
            paymentID: "8d5a7a40-2a4c-4f7e-9f1e-0b5c1d2e3f40", idempotencyKey: key, amount: amount,
            description: "Invoice payment", invoiceNumber: invoiceNumber, flow: flow, metadata: metadata)
    }

    /// The instructions `start` asks the payer to follow.
    static func instructions(_ start: PaymentGatewayStart) throws -> PaymentGatewayInstructions {
        guard case .nextStep(.instructions(let instructions), _) = start else {
            throw PortalError.internal(debugDetail: "expected instructions, got \(start)")
        }
        return instructions
    }
}

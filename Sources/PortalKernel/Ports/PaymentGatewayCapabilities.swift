/// What a payment gateway plugin can do, as data the kernel and the front ends read before
/// offering it: where it works, in which currencies, which flows and operations, and whether
/// it can run against a sandbox.
///
/// ```swift
/// PaymentGatewayCapabilities(
///     name: "netcash", displayName: "Netcash",
///     countries: ["ZA"], currencies: [.zar],
///     operations: [.formPost, .webhooks, .debitOrderBatches],
///     modes: [.live, .sandbox])
/// ```
public struct PaymentGatewayCapabilities: Sendable, Hashable, Codable {
    /// The plugin's configuration name (`"stripe"`).
    public var name: String
    /// The name shown to people (`"Stripe"`).
    public var displayName: String
    /// ISO 3166-1 alpha-2 codes of the merchant countries supported; empty means no restriction.
    public var countries: Set<String>
    /// Currencies the gateway can take payments in; empty means any currency.
    public var currencies: Set<Currency>
    /// What the gateway can do.
    public var operations: Set<PaymentGatewayOperation>
    /// Which account modes the provider offers (every provider has `live`; most a sandbox).
    public var modes: Set<ProviderAccount.Mode>
    /// The smallest amount accepted per payment, per currency, when the provider has one.
    public var minimumAmounts: [Money]

    public init(
        name: String, displayName: String, countries: Set<String> = [], currencies: Set<Currency> = [],
        operations: Set<PaymentGatewayOperation>, modes: Set<ProviderAccount.Mode> = [.live, .sandbox],
        minimumAmounts: [Money] = []
    ) {
        self.name = name
        self.displayName = displayName
        self.countries = countries
        self.currencies = currencies
        self.operations = operations
        self.modes = modes
        self.minimumAmounts = minimumAmounts
    }

    /// Whether `operation` is supported.
    public func supports(_ operation: PaymentGatewayOperation) -> Bool { operations.contains(operation) }

    /// Whether payments in `currency` are accepted.
    public func accepts(_ currency: Currency) -> Bool { currencies.isEmpty || currencies.contains(currency) }

    /// Whether a merchant in `country` (ISO 3166-1 alpha-2) can use the gateway.
    public func serves(country: String) -> Bool { countries.isEmpty || countries.contains(country.uppercased()) }

    /// The flows the gateway can start a payment with.
    public var flows: Set<PaymentGatewayOperation> { operations.filter(\.isFlow) }

    /// Checks that `amount` can be taken: the currency is accepted and the amount is positive
    /// and not below the provider's minimum.
    /// - Throws: ``PortalError`` `invalid` with field `amount`.
    public func validate(amount: Money) throws {
        guard accepts(amount.currency) else {
            throw PortalError.invalid("\(displayName) does not accept payments in \(amount.currency.code).", field: "amount")
        }
        guard amount.isPositive else { throw PortalError.invalid("The amount must be positive.", field: "amount") }
        if let minimum = minimumAmounts.first(where: { $0.currency == amount.currency }), amount < minimum {
            throw PortalError.invalid("\(displayName) accepts payments from \(minimum.formatted()).", field: "amount")
        }
    }

    /// Throws unless `operation` is supported; the default implementations of optional
    /// ``PaymentGateway`` requirements use this.
    /// - Throws: ``PortalError`` `invalid` with field `operation`.
    public func require(_ operation: PaymentGatewayOperation) throws {
        guard supports(operation) else { throw Self.unsupported(operation, gateway: displayName) }
    }

    /// The error for calling an operation a gateway does not offer.
    public static func unsupported(_ operation: PaymentGatewayOperation, gateway: String) -> PortalError {
        PortalError(
            .invalid, "\(gateway) does not support \(operation.rawValue.split(separator: "_").joined(separator: " ")).",
            field: "operation")
    }
}

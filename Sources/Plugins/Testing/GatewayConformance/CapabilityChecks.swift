import Foundation
import PortalKernel

extension PaymentGatewayConformance {
    /// Capabilities as data: names, flows, countries, currencies, minimums, modes; stability;
    /// the optional protocols matching their operations.
    static var capabilityChecks: [Entry] {
        [
            Entry(name: "capabilities: plugin name and display name", run: namesAreValid),
            Entry(name: "capabilities: flows, operations, countries, currencies, minimums and modes", run: dataIsConsistent),
            Entry(name: "capabilities: stable and codable", run: capabilitiesAreStable),
            Entry(name: "capabilities: optional protocols match the listed operations", run: protocolsMatchOperations),
        ]
    }

    /// The operations the port defines, to catch a misspelt raw value.
    static let knownOperations: Set<PaymentGatewayOperation> = PaymentGatewayOperation.flows.union([
        .statusLookup, .fullRefund, .partialRefund, .webhooks, .debitOrderBatches, .accountingSync,
    ])

    @Sendable static func namesAreValid(_ suite: PaymentGatewayConformance) async throws {
        let capabilities = try suite.offlineGateway().0.capabilities
        let name = capabilities.name
        let scalars = name.unicodeScalars
        try conformanceExpect(
            !name.isEmpty && name.count <= 40 && ("a"..."z").contains(scalars.first!)
                && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" },
            "the name '\(name)' is not a plugin name (lowercase letters, digits and '-', starting with a letter, at most 40)")
        let display = capabilities.displayName
        try conformanceExpect(
            !display.isEmpty && display.trimmingCharacters(in: .whitespacesAndNewlines) == display,
            "the display name '\(display)' is empty or has surrounding spaces")
    }

    @Sendable static func dataIsConsistent(_ suite: PaymentGatewayConformance) async throws {
        let capabilities = try suite.offlineGateway().0.capabilities
        try conformanceExpect(!capabilities.flows.isEmpty, "no flow is listed: the gateway cannot start a payment")
        try conformanceExpect(
            capabilities.flows.isSubset(of: capabilities.operations), "the flows are not among the operations")
        let unknown = capabilities.operations.subtracting(knownOperations).map(\.rawValue).sorted()
        try conformanceExpect(unknown.isEmpty, "operations the port does not define (misspelt?): \(unknown)")
        for country in capabilities.countries {
            try conformanceExpect(
                country.utf8.count == 2 && country.utf8.allSatisfy { (65...90).contains($0) },
                "the country '\(country)' is not an upper-case ISO 3166-1 alpha-2 code")
        }
        for currency in capabilities.currencies {
            try conformanceExpect(Currency.lookup(currency.code) == currency, "the currency \(currency.code) is not in ISO 4217")
        }
        var minimumCurrencies: Set<Currency> = []
        for minimum in capabilities.minimumAmounts {
            try conformanceExpect(minimum.isPositive, "the minimum \(minimum) is not positive")
            try conformanceExpect(
                capabilities.accepts(minimum.currency), "a minimum is given in \(minimum.currency.code), which is not accepted")
            try conformanceExpect(
                minimumCurrencies.insert(minimum.currency).inserted, "two minimums are given in \(minimum.currency.code)")
        }
        try conformanceExpect(capabilities.modes.contains(.live), "the modes do not include live")
    }

    @Sendable static func capabilitiesAreStable(_ suite: PaymentGatewayConformance) async throws {
        let gateway = try suite.offlineGateway().0
        let first = gateway.capabilities
        try conformanceExpect(gateway.capabilities == first, "two reads of capabilities differ")
        try conformanceExpect(
            try suite.offlineGateway().0.capabilities == first, "two gateways from the same factory report different capabilities")
        let decoded = try JSONCoding.decode(PaymentGatewayCapabilities.self, from: try JSONCoding.encode(first))
        try conformanceExpect(decoded == first, "the capabilities do not survive a JSON round trip")
    }

    @Sendable static func protocolsMatchOperations(_ suite: PaymentGatewayConformance) async throws {
        let gateway = try suite.offlineGateway().0
        let capabilities = gateway.capabilities
        let debitOrders = gateway is any PaymentGatewayDebitOrders
        try conformanceExpect(
            debitOrders == capabilities.supports(.debitOrderBatches),
            debitOrders
                ? "adopts PaymentGatewayDebitOrders but does not list debit_order_batches"
                : "lists debit_order_batches but does not adopt PaymentGatewayDebitOrders")
        let accounting = gateway is any PaymentGatewayAccountingSync
        try conformanceExpect(
            accounting == capabilities.supports(.accountingSync),
            accounting
                ? "adopts PaymentGatewayAccountingSync but does not list accounting_sync"
                : "lists accounting_sync but does not adopt PaymentGatewayAccountingSync")
    }
}

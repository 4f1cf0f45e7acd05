import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The tenant's billing set-up: its settings (`/billing/settings`), tax rates (`/tax-rates`)
/// and the payment methods payers see (`/payment-methods`). Staff write them; clients read tax
/// rates and enabled payment methods as the kernel allows.
enum BillingSettingsRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "billing/settings", handler: settings),
        APIRoute(.put, "billing/settings", handler: updateSettings),
        APIRoute(.get, "tax-rates", handler: taxRates),
        APIRoute(.post, "tax-rates", handler: createTaxRate),
        APIRoute(.get, "payment-methods", handler: paymentMethods),
        APIRoute(.post, "payment-methods", handler: configurePaymentMethod),
    ]

    @Sendable static func settings(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.settings.get(by: try call.principal()))
    }

    /// Replaces every setting (`PUT`): optional texts left out are cleared.
    @Sendable static func updateSettings(_ call: APICall) async throws -> Response {
        let body = try await call.body(BillingSettings.self)
        return try call.json(try await call.billing.settings.update(body, by: try call.principal()))
    }

    @Sendable static func taxRates(_ call: APICall) async throws -> Response {
        try call.json(BillingItems(items: try await call.billing.taxRates.list(by: try call.principal())))
    }

    @Sendable static func createTaxRate(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewTaxRate.self)
        return try call.created(try await call.billing.taxRates.create(body, by: try call.principal()))
    }

    /// `country` (ISO 3166-1 alpha-2) narrows the list to what payers in that country see.
    @Sendable static func paymentMethods(_ call: APICall) async throws -> Response {
        let country = try call.query.text("country", maximumLength: 2)?.uppercased()
        return try call.json(BillingItems(items: try await call.billing.paymentMethods.list(country: country, by: try call.principal())))
    }

    /// Creates the method for its gateway and country, or replaces the one that exists (an upsert).
    @Sendable static func configurePaymentMethod(_ call: APICall) async throws -> Response {
        let body = try await call.body(PaymentMethodInput.self)
        return try call.json(try await call.billing.paymentMethods.configure(body, by: try call.principal()))
    }
}

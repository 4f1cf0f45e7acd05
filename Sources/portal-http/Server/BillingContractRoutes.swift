import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Contracts and their billing (`/contracts`): staff write contracts and their line items,
/// move them through their statuses, configure, preview, enable and disable billing; clients
/// read their companies' contracts, line items and billing periods.
enum BillingContractRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "contracts", handler: list),
        APIRoute(.post, "contracts", handler: create),
        APIRoute(.get, "contracts/{id}", handler: get),
        APIRoute(.patch, "contracts/{id}", handler: update),
        APIRoute(.post, "contracts/{id}/status", handler: setStatus),
        APIRoute(.get, "contracts/{id}/line-items", handler: lineItems),
        APIRoute(.post, "contracts/{id}/line-items", handler: addLineItem),
        APIRoute(.patch, "contracts/{id}/line-items/{item_id}", handler: updateLineItem),
        APIRoute(.delete, "contracts/{id}/line-items/{item_id}", handler: removeLineItem),
        APIRoute(.put, "contracts/{id}/billing", handler: configureBilling),
        APIRoute(.get, "contracts/{id}/billing-preview", handler: preview),
        APIRoute(.post, "contracts/{id}/billing/enable", handler: enableBilling),
        APIRoute(.post, "contracts/{id}/billing/disable", handler: disableBilling),
        APIRoute(.get, "contracts/{id}/billing-periods", handler: periods),
    ]

    /// The body of a status change made by hand: `active`, `completed` or `terminated` (`sent`
    /// and `signed` come only from sending and signing, ``ContractSigningRoutes``).
    struct StatusChange: Decodable, Sendable {
        let status: ContractStatus?
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let query = call.query
        let options = ContractListOptions(
            sort: try query.sort(ContractListOptions.sortFields, standard: ContractListOptions().sort),
            companyId: try query.id("company_id", as: CompanyID.self), status: try query.choice("status", as: ContractStatus.self))
        return try call.list(try await call.billing.contracts.list(options, page: try query.page(), by: try call.principal()))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.body(NewContract.self)
        return try call.created(try await call.billing.contracts.create(body, by: try call.principal()))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.contracts.get(try call.id(ContractID.self), by: try call.principal()))
    }

    @Sendable static func update(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let body = try await call.body(ContractUpdate.self)
        return try call.json(try await call.billing.contracts.update(id, body, by: try call.principal()))
    }

    @Sendable static func setStatus(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let body = try await call.body(StatusChange.self)
        guard let status = body.status else { throw PortalError.invalid("status is required.", field: "status") }
        return try call.json(try await call.billing.contracts.setStatus(id, to: status, by: try call.principal()))
    }

    // MARK: Line items

    @Sendable static func lineItems(_ call: APICall) async throws -> Response {
        let items = try await call.billing.contracts.lineItems(try call.id(ContractID.self), by: try call.principal())
        return try call.json(BillingItems(items: items))
    }

    @Sendable static func addLineItem(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let body = try await call.body(ContractLineItemInput.self)
        return try call.created(try await call.billing.contracts.addLineItem(id, body, by: try call.principal()))
    }

    /// Replaces every field of the item (absent optional fields take their defaults).
    @Sendable static func updateLineItem(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let item = try call.id(ContractLineItemID.self, "item_id")
        let body = try await call.body(ContractLineItemInput.self)
        return try call.json(try await call.billing.contracts.updateLineItem(id, item, body, by: try call.principal()))
    }

    @Sendable static func removeLineItem(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let item = try call.id(ContractLineItemID.self, "item_id")
        try await call.billing.contracts.removeLineItem(id, item, by: try call.principal())
        return call.noContent()
    }

    // MARK: Billing

    @Sendable static func configureBilling(_ call: APICall) async throws -> Response {
        let id = try call.id(ContractID.self)
        let body = try await call.body(ContractBillingSettings.self)
        return try call.json(try await call.billing.contractBilling.configure(id, body, by: try call.principal()))
    }

    /// The periods enabling billing now would store; writes nothing.
    @Sendable static func preview(_ call: APICall) async throws -> Response {
        let periods = try await call.billing.contractBilling.preview(try call.id(ContractID.self), by: try call.principal())
        return try call.json(BillingItems(items: periods))
    }

    @Sendable static func enableBilling(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.contractBilling.enableBilling(try call.id(ContractID.self), by: try call.principal()))
    }

    @Sendable static func disableBilling(_ call: APICall) async throws -> Response {
        try call.json(try await call.billing.contractBilling.disableBilling(try call.id(ContractID.self), by: try call.principal()))
    }

    @Sendable static func periods(_ call: APICall) async throws -> Response {
        let periods = try await call.billing.contractBilling.periods(try call.id(ContractID.self), by: try call.principal())
        return try call.json(BillingItems(items: periods))
    }
}

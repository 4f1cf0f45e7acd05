import ArgumentParser
import PortalAssembly
import PortalKernel

/// A subcommand that acts inside one tenant as the operator: it takes the global options, sits
/// under ``PortalCommand`` and takes `--tenant SLUG`.
///
/// The extension opens the ``CommandSession`` and resolves the tenant, so a command's `run()`
/// holds only what the command itself does:
///
/// ```swift
/// struct Pause: TenantScopedCommand {
///     @OptionGroup var options: GlobalOptions
///     @ParentCommand var root: PortalCommand
///     @OptionGroup var scope: TenantOption
///
///     @Argument(help: "The subscription's id.")
///     var id: String
///
///     func run() async throws {
///         try await perform { tenant in
///             try await tenant.billing.subscriptions.pause(try SubscriptionID(parsing: id, field: "id"), by: tenant.principal)
///         } message: { "Paused subscription \($0.id)." }
///     }
/// }
/// ```
protocol TenantScopedCommand: AsyncParsableCommand {
    /// The options given after the subcommand (`@OptionGroup`).
    var options: GlobalOptions { get }
    /// The root command, for the options given before the subcommand (`@ParentCommand`).
    var root: PortalCommand { get }
    /// `--tenant` (`@OptionGroup`).
    var scope: TenantOption { get }
}

extension TenantScopedCommand {
    /// Runs `body` on the tenant named by `--tenant`, through ``CommandSession/withTenant(_:_:)``.
    func withTenant(_ body: (TenantSession) async throws -> Void) async throws {
        let session = CommandSession(options.merged(over: root.globals))
        try await session.withTenant(scope.tenant) { assembled, scope in
            try await body(TenantSession(output: session.output, assembled: assembled, scope: scope))
        }
    }

    /// Runs `action` on the tenant and prints its result: `message` of it, or the result itself
    /// as JSON with `--json`. The shape of commands that change one thing and report it.
    func perform<Value: Encodable>(
        _ action: (TenantSession) async throws -> Value, message: (Value) -> String
    ) async throws {
        try await withTenant { tenant in
            let value = try await action(tenant)
            tenant.output.message(message(value), json: value)
        }
    }
}

/// What a ``TenantScopedCommand`` works with: the assembled kernel, the operator's scope in the
/// tenant, the output, and the look-ups billing commands share.
struct TenantSession {
    let output: Output
    let assembled: AssembledPortal
    let scope: OperatorScope

    var billing: BillingServices { assembled.portal.billing }
    var companies: Companies { assembled.portal.identity.companies }
    var principal: Principal { scope.principal }

    /// The company `text` names (id or account number); `not_found` on `field` when there is none.
    func company(_ text: String, field: String = "company") async throws -> Company {
        try await CompanyReference.resolve(text, field: field, in: companies, by: principal)
    }

    /// The id of the company a list is filtered by (`--company`), or nil when none was given.
    func companyFilter(_ text: String?, field: String = "company") async throws -> CompanyID? {
        guard let text else { return nil }
        return try await company(text, field: field).id
    }

    /// `ACCOUNT NAME` of a company for detail views; nil when it cannot be read.
    func companyLabel(_ id: CompanyID) async -> String? {
        await InvoiceDetails.companyLabel(id, in: companies, by: principal)
    }

    /// The invoice `text` names (id or number), with its lines.
    func invoice(_ text: String, field: String) async throws -> Invoice {
        try await InvoiceReference.resolve(text, field: field, in: billing.invoices, by: principal)
    }

    /// The plan `text` names (id or code), active or not.
    func plan(_ text: String, field: String) async throws -> Plan {
        try await PlanReference.resolve(text, field: field, in: billing.plans, by: principal)
    }

    /// The currency given (`--currency`), else the tenant's.
    func currency(_ text: String?) throws -> Currency {
        try BillingInput.currency(text) ?? scope.tenant.defaultCurrency
    }

    /// Prints one page of a list with a company column: `row` gets each item and its company's
    /// account number (its id when the company cannot be read). See ``Output/emit(page:table:)``.
    func emit<Item: Encodable & Sendable>(
        page: Page<Item>, companyOf company: (Item) -> CompanyID, headers: [String], row: (Item, String) -> [String]
    ) async {
        var accountNumbers: [CompanyID: String] = [:]
        for id in Set(page.items.map(company)) {
            accountNumbers[id] = try? await companies.get(id, by: principal).accountNumber
        }
        output.emit(page: page) {
            Table(
                headers: headers,
                rows: page.items.map { item in
                    let id = company(item)
                    return row(item, accountNumbers[id] ?? id.uuidString)
                })
        }
    }
}

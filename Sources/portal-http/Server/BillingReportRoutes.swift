import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Billing runs, reminder sweeps and reports for staff (`/billing/runs`, `/billing/reminders`,
/// `/reports/…`). Amounts are per currency; currencies are never added together.
enum BillingReportRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.post, "billing/runs", handler: run),
        APIRoute(.post, "billing/reminders", handler: sweep),
        APIRoute(.get, "reports/revenue", handler: revenue),
        APIRoute(.get, "reports/outstanding", handler: outstanding),
        APIRoute(.get, "reports/recurring-revenue", handler: recurringRevenue),
        APIRoute(.get, "reports/company-balances", handler: companyBalances),
    ]

    /// The optional body of a run: the date to bill through (today unless given) and whether
    /// only to count what would be billed.
    struct RunRequest: Decodable, Sendable {
        let date: LocalDate?
        let dryRun: Bool?
    }

    /// The optional body of a reminder sweep: the day to send for (today unless given).
    struct SweepRequest: Decodable, Sendable {
        let date: LocalDate?
    }

    /// Invoices every due subscription and contract period, once; runs in the request.
    @Sendable static func run(_ call: APICall) async throws -> Response {
        let body = try await call.optionalBody(RunRequest.self)
        let summary = try await call.billing.runs.run(
            through: body?.date, dryRun: body?.dryRun ?? false, by: try call.principal())
        return try call.json(summary)
    }

    @Sendable static func sweep(_ call: APICall) async throws -> Response {
        let body = try await call.optionalBody(SweepRequest.self)
        return try call.json(try await call.billing.reminders.sweep(on: body?.date, by: try call.principal()))
    }

    /// Invoiced, credited and collected per month of `from`…`through` (both required).
    @Sendable static func revenue(_ call: APICall) async throws -> Response {
        let query = call.query
        guard let from = try query.date("from") else { throw PortalError.invalid("from is required.", field: "from") }
        guard let through = try query.date("through") else { throw PortalError.invalid("through is required.", field: "through") }
        guard from <= through else { throw PortalError.invalid("through must not be before from.", field: "through") }
        let months = try await call.billing.reports.revenueByMonth(from: from, through: through, by: try call.principal())
        return try call.json(BillingItems(items: months))
    }

    @Sendable static func outstanding(_ call: APICall) async throws -> Response {
        try call.json(BillingItems(items: try await call.billing.reports.outstanding(by: try call.principal())))
    }

    @Sendable static func recurringRevenue(_ call: APICall) async throws -> Response {
        try call.json(BillingItems(items: try await call.billing.reports.monthlyRecurringRevenue(by: try call.principal())))
    }

    @Sendable static func companyBalances(_ call: APICall) async throws -> Response {
        try call.json(BillingItems(items: try await call.billing.reports.companyBalances(by: try call.principal())))
    }
}

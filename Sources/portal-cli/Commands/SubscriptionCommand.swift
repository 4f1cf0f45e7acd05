import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli subscription …`: companies' subscriptions to plans.
struct SubscriptionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscription", abstract: "Subscribe companies to plans, and change, pause or cancel subscriptions.",
        discussion: "Billing runs (`portal-cli billing run`) invoice each period in advance.",
        subcommands: [Create.self, List.self, Cancel.self, ChangePlan.self, Pause.self, Reactivate.self])

    struct Create: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe a company to a plan.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: ArgumentHelp("The plan: its id or code.", valueName: "plan"))
        var plan: String

        @Option(help: ArgumentHelp("The first day of service (default: today).", valueName: "YYYY-MM-DD"))
        var start: String?

        @Option(help: ArgumentHelp("The day of the month periods start on: one of the tenant's billing days.", valueName: "day"))
        var billingDay: Int?

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let plan = try await tenant.plan(self.plan, field: "plan")
                let subscription = try await tenant.billing.subscriptions.create(
                    NewSubscription(
                        companyId: company.id, planId: plan.id, startDate: try start.map { try BillingInput.date($0, field: "start") },
                        billingDay: billingDay),
                    by: tenant.principal)
                tenant.output.message(
                    "Subscribed \(company.name) to \(plan.name) from \(subscription.startDate), billed on day \(subscription.billingDay); id \(subscription.id).",
                    json: subscription)
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List subscriptions, most recently changed first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only this company's (id or account number).", valueName: "company"))
        var company: String?

        @Option(help: "Only subscriptions in this state: active, paused or canceled.")
        var status: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            try await withTenant { tenant in
                let companyId = try await tenant.companyFilter(company)
                let subscriptions = try await tenant.billing.subscriptions.list(
                    SubscriptionListOptions(
                        companyId: companyId, status: try InputValidation.choice(status, as: SubscriptionStatus.self, field: "status")),
                    page: try page.request, by: tenant.principal)
                await tenant.emit(
                    page: subscriptions, companyOf: \.companyId,
                    headers: ["COMPANY", "PLAN", "STATUS", "PRICE", "STARTED", "NEXT PERIOD", "ENDS", "ID"]
                ) { subscription, company in
                    [
                        company, subscription.plan.code + (subscription.pendingPlan.map { " → \($0.code)" } ?? ""),
                        subscription.status.rawValue, subscription.plan.price.formatted(), subscription.startDate.iso8601,
                        subscription.nextPeriodStart.iso8601, subscription.endsOn?.iso8601 ?? "-", subscription.id.uuidString,
                    ]
                }
            }
        }
    }

    struct Cancel: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel at the end of the current period, or at once with --now (unused days become customer credit).")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The subscription's id.")
        var id: String

        @Flag(help: "Cancel today instead of at the end of the period.")
        var now = false

        func run() async throws {
            try await perform { tenant in
                try await tenant.billing.subscriptions.cancel(
                    try SubscriptionID(parsing: id, field: "id"), atPeriodEnd: !now, by: tenant.principal)
            } message: { outcome in
                let credit = outcome.customerCredit.map { "; \($0.formatted()) added to customer credit" } ?? ""
                return "Subscription \(outcome.subscription.id) ends on \(outcome.subscription.endsOn?.iso8601 ?? "-")\(credit)."
            }
        }
    }

    struct ChangePlan: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            commandName: "change-plan",
            abstract: "Move a subscription to another plan (upgrades and downgrades follow the billing settings).")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The subscription's id.")
        var id: String

        @Option(help: ArgumentHelp("The new plan: its id or code.", valueName: "plan"))
        var plan: String

        func run() async throws {
            try await withTenant { tenant in
                let plan = try await tenant.plan(self.plan, field: "plan")
                let outcome = try await tenant.billing.subscriptions.changePlan(
                    try SubscriptionID(parsing: id, field: "id"), to: plan.id, by: tenant.principal)
                let when = outcome.subscription.pendingPlan == nil ? "now" : "from the next period"
                let invoice = outcome.invoice.map { "; invoice \($0.number ?? "") for \($0.total.formatted())" } ?? ""
                let credit = outcome.customerCredit.map { "; \($0.formatted()) added to customer credit" } ?? ""
                tenant.output.message("Subscription \(outcome.subscription.id) is on \(plan.name) \(when)\(invoice)\(credit).", json: outcome)
            }
        }
    }

    struct Pause: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause billing; periods passed while paused are never billed.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The subscription's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.billing.subscriptions.pause(try SubscriptionID(parsing: id, field: "id"), by: tenant.principal)
            } message: { "Paused subscription \($0.id)." }
        }
    }

    struct Reactivate: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a paused subscription, or keep one that was set to cancel at period end.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The subscription's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.billing.subscriptions.reactivate(try SubscriptionID(parsing: id, field: "id"), by: tenant.principal)
            } message: { "Subscription \($0.id) is active; the next period starts \($0.nextPeriodStart)." }
        }
    }
}

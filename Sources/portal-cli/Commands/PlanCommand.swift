import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli plan create|list`: a tenant's subscription plans.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Create and list subscription plans.", subcommands: [Create.self, List.self])

    struct Create: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a plan.",
            discussion: """
                Example: portal-cli plan create --tenant demo --code care-monthly --name "Website Care" --price 1500.00 \
                --interval monthly --credits 10 --tax VAT
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: "A code unique in the tenant (care-monthly).")
        var code: String

        @Option(help: "The plan's name.")
        var name: String

        @Option(help: ArgumentHelp("The price of one period, as decimal text (1500.00).", valueName: "amount"))
        var price: String

        @Option(help: "month, quarter, year or a number of months.")
        var interval = "month"

        @Option(help: "The plan's currency (default: the tenant's).")
        var currency: String?

        @Option(help: ArgumentHelp("Usage credits granted with each paid period.", valueName: "credits"))
        var credits: String?

        @Option(help: ArgumentHelp("The tax rate code of its invoice lines (VAT).", valueName: "code"))
        var tax: String?

        @Option(help: "A description for clients.")
        var description: String?

        func run() async throws {
            try await perform { tenant in
                let currency = try tenant.currency(self.currency)
                return try await tenant.billing.plans.create(
                    NewPlan(
                        code: code, name: name, description: description, currency: currency,
                        price: try BillingInput.amount(price, currency: currency, field: "price"),
                        interval: try BillingInterval(name: interval),
                        includedCredits: try credits.map { try BillingInput.credits($0) }, taxCode: tax),
                    by: tenant.principal)
            } message: { plan in
                "Created plan \(plan.code) \"\(plan.name)\": \(plan.price.formatted()) a \(plan.interval.name), id \(plan.id)."
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenant's plans.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Flag(help: "Include inactive plans.")
        var all = false

        func run() async throws {
            try await withTenant { tenant in
                let plans = try await tenant.billing.plans.list(includeInactive: all, by: tenant.principal)
                tenant.output.emit(plans) {
                    Table(
                        headers: ["CODE", "NAME", "PRICE", "EVERY", "CREDITS", "TAX", "ACTIVE", "ID"],
                        rows: plans.map { plan in
                            [plan.code, plan.name, plan.price.formatted(), plan.interval.name, String(plan.includedCredits),
                             plan.taxCode.cell, plan.active ? "yes" : "no", plan.id.uuidString]
                        })
                }
            }
        }
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli tax-rate add|list`: a tenant's tax rates and their dated versions.
struct TaxRateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tax-rate", abstract: "Add and list a tenant's tax rates.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a rate, or a new version of one taking effect on a date.",
            discussion: """
                Invoices dated before --from keep the version they were issued with. Example:
                  portal-cli tax-rate add --tenant demo --code VAT --name "VAT 15%" --percent 15 --from 2018-04-01
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: "The code invoice lines name the rate by (VAT).")
        var code: String

        @Option(help: "The name printed on invoices (VAT 15%).")
        var name: String

        @Option(help: ArgumentHelp("The rate in percent, up to four decimals (15, 7.5).", valueName: "percent"))
        var percent: String

        @Flag(help: "Prices with this rate include the tax.")
        var inclusive = false

        @Option(name: .customLong("from"), help: ArgumentHelp("The first day the version applies.", valueName: "YYYY-MM-DD"))
        var validFrom: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let rate = try await assembled.portal.billing.taxRates.create(
                    NewTaxRate(
                        code: code, name: name, percent: try Percentage(percent, field: "percent"), inclusive: inclusive,
                        validFrom: try BillingInput.date(validFrom, field: "from")),
                    by: scope.principal)
                session.output.message(
                    "Added tax rate \(rate.code) \"\(rate.name)\" \(rate.percent)\(rate.inclusive ? " (inclusive)" : "") from \(rate.validFrom).",
                    json: rate)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every version of every rate, by code and date.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let rates = try await assembled.portal.billing.taxRates.list(by: scope.principal)
                session.output.emit(rates) {
                    Table(
                        headers: ["CODE", "NAME", "PERCENT", "INCLUSIVE", "FROM", "UNTIL", "ID"],
                        rows: rates.map { rate in
                            [rate.code, rate.name, rate.percent.description, rate.inclusive ? "yes" : "no", rate.validFrom.iso8601,
                             rate.validUntil?.iso8601 ?? "-", rate.id.uuidString]
                        })
                }
            }
        }
    }
}

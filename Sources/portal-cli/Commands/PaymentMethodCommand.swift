import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli payment-method set|list`: how companies in each country may pay.
struct PaymentMethodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment-method", abstract: "Configure and list the ways companies pay, per gateway and country.",
        subcommands: [SetMethod.self, List.self])

    struct SetMethod: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Create or replace the method of a gateway for a country.",
            discussion: """
                For the manual gateway (bank transfer) the details are the account to pay into; invoices print them \
                with the invoice number as the reference. Example:
                  portal-cli payment-method set --tenant demo --country ZA --name "Bank transfer (EFT)" \\
                    --detail "Bank=First National Bank" --detail "Account number=62000000000" --detail "Branch code=250655"
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 (ZA), or * for every other country.", valueName: "country"))
        var country: String

        @Option(help: "What payers see (Bank transfer (EFT)).")
        var name: String

        @Option(help: "The gateway plugin (default: manual).")
        var gateway = "manual"

        @Option(help: "A sentence or two for the payer.")
        var instructions: String?

        @Option(name: .customLong("detail"), help: ArgumentHelp("LABEL=VALUE shown to payers, in order (repeatable).", valueName: "detail"))
        var details: [String] = []

        @Option(help: "Order among the country's methods (lowest first).")
        var sortOrder: Int?

        @Flag(help: "Configure it switched off.")
        var disabled = false

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let labelled = try details.enumerated().map { index, text in
                    let (label, value) = try BillingInput.pair(text, field: "details[\(index)]")
                    return PaymentGatewayLabeledValue(label, value)
                }
                let method = try await assembled.portal.billing.paymentMethods.configure(
                    PaymentMethodInput(
                        gateway: gateway, country: country, enabled: !disabled, displayName: name, instructions: instructions,
                        details: labelled, sortOrder: sortOrder),
                    by: scope.principal)
                session.output.message(
                    "Payment method \(method.displayName) (\(method.gateway)) for \(method.country) is \(method.enabled ? "enabled" : "disabled").",
                    json: method)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenant's payment methods.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only what payers in this country see (with the * methods).", valueName: "country"))
        var country: String?

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let methods = try await assembled.portal.billing.paymentMethods.list(country: country, by: scope.principal)
                session.output.emit(methods) {
                    Table(
                        headers: ["COUNTRY", "GATEWAY", "NAME", "ENABLED", "ORDER", "DETAILS"],
                        rows: methods.map { method in
                            [method.country, method.gateway, method.displayName, method.enabled ? "yes" : "no", String(method.sortOrder),
                             method.details.map { "\($0.label): \($0.value)" }.joined(separator: "; ")]
                        })
                }
            }
        }
    }
}

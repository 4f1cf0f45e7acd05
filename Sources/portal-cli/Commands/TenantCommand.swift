import ArgumentParser
import Foundation
import PortalAssembly
import PortalKernel

/// `portal-cli tenant create|list`: the service businesses this installation serves.
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "Create and list tenants (the businesses this installation serves).",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a tenant.",
            discussion: """
                The slug is what people type when they sign in; it is unique across the installation. \
                Add the first staff user with `portal-cli user create --tenant SLUG …`.
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand

        @Option(help: "The tenant's name, as people see it.")
        var name: String

        @Option(help: "2 to 63 lowercase letters, digits and single hyphens, starting with a letter.")
        var slug: String

        @Option(help: ArgumentHelp("ISO 4217 code of the default currency, such as ZAR (default: USD).", valueName: "code"))
        var currency: String?

        @Option(help: ArgumentHelp("IANA time zone, such as Africa/Johannesburg (default: UTC).", valueName: "zone"))
        var timeZone: String?

        @Option(help: ArgumentHelp("Days of the month subscriptions bill on, such as 1,5,25,30 (default: 1).", valueName: "days"))
        var billingDays: String?

        @Option(help: ArgumentHelp("Prefix of invoice numbers (default: INV).", valueName: "prefix"))
        var invoicePrefix: String?

        @Option(help: ArgumentHelp("Prefix of company account numbers (default: CT).", valueName: "prefix"))
        var accountPrefix: String?

        @Flag(name: .customLong("require-2fa-staff"), help: "Staff must sign in with a second factor.")
        var requireTwoFactorForStaff = false

        @Flag(name: .customLong("require-2fa-owners"), help: "Company owners must sign in with a second factor.")
        var requireTwoFactorForOwners = false

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withPortal { assembled, _ in
                let input = NewTenant(
                    name: name, slug: slug, defaultCurrency: currency, timeZone: timeZone,
                    billingDays: try billingDays.map(Self.days), invoicePrefix: invoicePrefix, accountPrefix: accountPrefix,
                    requireTwoFactorForStaff: requireTwoFactorForStaff, requireTwoFactorForOwners: requireTwoFactorForOwners)
                let tenant = try await assembled.portal.identity.tenants.create(input, operatorName: OperatorScope.operatorName)
                session.output.message(
                    "Created tenant \(tenant.slug) (\(tenant.name)), id \(tenant.id). "
                        + "Add its first staff user with: portal-cli user create --tenant \(tenant.slug) --email … --name … --password-stdin",
                    json: tenant)
            }
        }

        /// `1,5,25` → `[1, 5, 25]`; the kernel checks the range.
        static func days(_ text: String) throws -> [Int] {
            try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
                guard let day = Int(part.trimmingCharacters(in: .whitespaces)) else {
                    throw PortalError.invalid(
                        "billing_days must be days of the month separated by commas, such as 1,25.", field: "billing_days")
                }
                return day
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every tenant, by slug.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withPortal { assembled, _ in
                let tenants = try await assembled.portal.identity.tenants.all()
                session.output.emit(tenants) {
                    Table(
                        headers: ["SLUG", "NAME", "CURRENCY", "TIME ZONE", "BILLING DAYS", "2FA", "ID"],
                        rows: tenants.map { tenant in
                            let twoFactor = [
                                tenant.requireTwoFactorForStaff ? "staff" : nil, tenant.requireTwoFactorForOwners ? "owners" : nil,
                            ].compactMap(\.self)
                            return [
                                tenant.slug, tenant.name, tenant.defaultCurrency.code, tenant.timeZone.identifier,
                                tenant.billingDays.map(String.init).joined(separator: ","),
                                twoFactor.isEmpty ? "-" : twoFactor.joined(separator: ","), tenant.id.uuidString,
                            ]
                        })
                }
            }
        }
    }
}

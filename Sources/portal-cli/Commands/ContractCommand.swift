import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli contract …`: agreements with companies whose line items are billed on a schedule.
struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Create contracts, write and send their documents, countersign, move their status, add line items and switch their billing.",
        discussion: """
            A contract starts as a draft: write its document (`contract document set`), then `contract send` freezes the \
            text and its SHA-256. A company user allowed to sign contracts signs it in the portal; staff may then \
            `contract countersign`. Billing can be enabled once it is signed (draft → sent → signed → active). \
            Billing runs (`portal-cli billing run`) invoice its periods. A signed contract is never edited: \
            `contract copy` starts a new version as a new draft.
            """,
        subcommands: [
            Create.self, List.self, Show.self, Document.self, Send.self, Countersign.self, PDF.self, Copy.self, Status.self,
            LineItem.self, Billing.self,
        ])

    struct Create: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "Create a draft contract, billed monthly once enabled.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: "The contract's title.")
        var title: String

        @Option(help: "onboarding, engagement or maintenance.")
        var type: String

        @Option(help: "The contract's currency (default: the tenant's).")
        var currency: String?

        @Flag(help: "Renew automatically at the end of its term.")
        var autoRenew = false

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let contract = try await tenant.billing.contracts.create(
                    NewContract(
                        companyId: company.id, title: title, type: try BillingInput.choice(type, as: ContractType.self, field: "type"),
                        currency: try BillingInput.currency(currency), autoRenew: autoRenew),
                    by: tenant.principal)
                tenant.output.message("Created draft contract \"\(contract.title)\" for \(company.name), id \(contract.id).", json: contract)
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List contracts, newest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only this company's (id or account number).", valueName: "company"))
        var company: String?

        @Option(help: "Only contracts in this state: draft, sent, signed, active, completed or terminated.")
        var status: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            try await withTenant { tenant in
                let contracts = try await tenant.billing.contracts.list(
                    ContractListOptions(
                        companyId: try await tenant.companyFilter(company),
                        status: try InputValidation.choice(status, as: ContractStatus.self, field: "status")),
                    page: try page.request, by: tenant.principal)
                await tenant.emit(
                    page: contracts, companyOf: \.companyId, headers: ["TITLE", "COMPANY", "TYPE", "STATUS", "BILLING", "EVERY", "ID"]
                ) { contract, company in
                    [contract.title, company, contract.type.rawValue, contract.status.rawValue, contract.billingEnabled ? "on" : "off",
                     contract.billingInterval.name, contract.id.uuidString]
                }
            }
        }
    }

    struct Show: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a contract with its document version and hash, its signatures and its line items.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The contract's id.")
        var id: String

        struct Report: Encodable {
            let contract: Contract
            let signatures: [ContractSignature]
            let lineItems: [ContractLineItem]
        }

        func run() async throws {
            try await withTenant { tenant in
                let contracts = tenant.billing.contracts
                let contract = try await contracts.get(try ContractID(parsing: id, field: "id"), by: tenant.principal)
                let items = try await contracts.lineItems(contract.id, by: tenant.principal)
                let signatures = try await tenant.contractSigning.signatures(contract.id, by: tenant.principal)
                let company = await tenant.companyLabel(contract.companyId)
                tenant.output.emit(Report(contract: contract, signatures: signatures, lineItems: items)) {
                    DetailLines([
                        ("Contract", contract.title), ("ID", contract.id.uuidString),
                        ("Company", company ?? contract.companyId.uuidString), ("Type", contract.type.rawValue),
                        ("Status", contract.status.rawValue), ("Currency", contract.currency.code),
                        ("Auto-renew", contract.autoRenew ? "yes" : "no"),
                        ("Document", contract.documentVersion == 0 ? "none yet" : "version \(contract.documentVersion)"),
                        ("SHA-256", contract.documentSha256 ?? "- (frozen when sent)"),
                        ("Sent", contract.sentAt?.iso8601 ?? "-"), ("Signed", contract.signedAt?.iso8601 ?? "-"),
                        ("Countersigned", contract.countersignedAt?.iso8601 ?? "-"),
                        ("Billing", (contract.billingEnabled ? "on" : "off") + (contract.billingChangedBy.map { " (by \($0))" } ?? "")),
                        ("Billed every", contract.billingInterval.name),
                        ("Billing from", contract.billingStartDate?.iso8601 ?? "-"),
                        ("Billing until", contract.billingEndDate?.iso8601 ?? "-"),
                    ]).rendered + "\n" + ContractSignatureTable(signatures).rendered + "\n"
                        + Table(
                            headers: ["DESCRIPTION", "TYPE", "AMOUNT", "MONTHS", "RECURRING", "START", "END", "STATUS", "TAX", "ID"],
                            rows: items.map { item in
                                [item.description, item.itemType.rawValue, item.amount.formatted(), String(item.billingPeriodMonths),
                                 item.isRecurring ? "yes" : "no", item.startDate.iso8601, item.endDate?.iso8601 ?? "-",
                                 item.status.rawValue, item.taxCode.cell, item.id.uuidString]
                            }
                        ).rendered
                }
            }
        }
    }

    struct Status: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a signed contract to active, an active one to completed or terminated, or terminate a sent one.",
            discussion: "A contract becomes sent only through `contract send`, and signed only through the client's signature.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The contract's id.")
        var id: String

        @Argument(help: "The new status: active, completed or terminated.")
        var status: String

        func run() async throws {
            try await perform { tenant in
                let next = try BillingInput.choice(status, as: ContractStatus.self, field: "status")
                return try await tenant.billing.contracts.setStatus(try ContractID(parsing: id, field: "id"), to: next, by: tenant.principal)
            } message: { "Contract \"\($0.title)\" is \($0.status.rawValue)." }
        }
    }

    /// `contract line-item add`.
    struct LineItem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "line-item", abstract: "Add line items to a contract.", subcommands: [Add.self])

        struct Add: TenantScopedCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a line item while billing is off.",
                discussion: """
                    A one-off item spreads --amount over --months monthly instalments from --start; a --recurring item \
                    bills --amount every --months months from --start until --end (or indefinitely).
                    """)

            @OptionGroup var options: GlobalOptions
            @ParentCommand var root: PortalCommand
            @OptionGroup var scope: TenantOption

            @Argument(help: "The contract's id.")
            var id: String

            @Option(help: "Printed on the invoice line.")
            var description: String

            @Option(help: ArgumentHelp("The amount in the contract's currency, as decimal text (5000.00).", valueName: "amount"))
            var amount: String

            @Option(help: ArgumentHelp("Instalments (one-off) or the interval (recurring), in months.", valueName: "months"))
            var months = 1

            @Option(help: ArgumentHelp("The first day billed.", valueName: "YYYY-MM-DD"))
            var start: String

            @Option(help: ArgumentHelp("The first day no longer billed (recurring items).", valueName: "YYYY-MM-DD"))
            var end: String?

            @Flag(help: "Bill the amount every --months months.")
            var recurring = false

            @Option(help: "training_independent, training_agency or custom (default).")
            var type = "custom"

            @Option(help: "pending, active (default), paused or completed.")
            var status: String?

            @Option(help: ArgumentHelp("The tax rate code of its invoice lines (VAT).", valueName: "code"))
            var tax: String?

            func run() async throws {
                try await withTenant { tenant in
                    let contracts = tenant.billing.contracts
                    let contract = try await contracts.get(try ContractID(parsing: id, field: "id"), by: tenant.principal)
                    let item = try await contracts.addLineItem(
                        contract.id,
                        ContractLineItemInput(
                            itemType: try InputValidation.choice(type, as: ContractLineItemType.self, field: "type"),
                            description: description,
                            amount: try BillingInput.amount(amount, currency: contract.currency, field: "amount"),
                            billingPeriodMonths: months, startDate: try BillingInput.date(start, field: "start"),
                            endDate: try end.map { try BillingInput.date($0, field: "end") }, isRecurring: recurring,
                            status: try InputValidation.choice(status, as: ContractLineItemStatus.self, field: "status"),
                            taxCode: tax),
                        by: tenant.principal)
                    tenant.output.message(
                        "Added \"\(item.description)\" (\(item.amount.formatted())\(item.isRecurring ? " every \(item.billingPeriodMonths) month(s)" : " over \(item.billingPeriodMonths) month(s)")) to \"\(contract.title)\", id \(item.id).",
                        json: item)
                }
            }
        }
    }
}

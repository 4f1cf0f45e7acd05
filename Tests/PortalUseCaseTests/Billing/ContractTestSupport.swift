import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// The two training prices of the standard price list, with the instalments they bill monthly.
enum TrainingExample: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case independent
    case agency

    var itemType: ContractLineItemType { self == .independent ? .trainingIndependent : .trainingAgency }
    /// 5,000.00 or 2,500.00.
    var amount: Int64 { self == .independent ? 500_000 : 250_000 }
    var instalments: [Int64] { self == .independent ? [166_667, 166_667, 166_666] : [83_334, 83_333, 83_333] }
    var testDescription: String { rawValue }

    /// The training as a line item starting on `start`, billed over three months.
    func lineItem(start: LocalDate) -> ContractLineItemInput {
        ContractLineItemInput(
            itemType: itemType, description: "\(rawValue.capitalized) developer training", amount: amount,
            billingPeriodMonths: 3, startDate: start)
    }
}

extension BillingFixture {
    /// A date written `YYYY-MM-DD`.
    static func contractDay(_ text: String) -> LocalDate { LocalDate(iso8601: text)! }

    /// The principal billing runs act as.
    var contractRunner: Principal { .system(tenant: tenant.id, "billing-run") }

    /// A contract for `company` with `items`, its document written, sent and signed by a new
    /// owner of the company (ready to enable billing).
    func signedContract(
        for company: Company, title: String = "Developer onboarding", items: [ContractLineItemInput],
        settings: ContractBillingSettings? = nil
    ) async throws -> Contract {
        let contract = try await billing.contracts.create(
            NewContract(companyId: company.id, title: title, type: .onboarding), by: staff)
        for item in items { _ = try await billing.contracts.addLineItem(contract.id, item, by: staff) }
        if let settings { _ = try await billing.contractBilling.configure(contract.id, settings, by: staff) }
        let engagements = EngagementServices(context: context)
        _ = try await engagements.contractDocuments.setBody(
            contract.id, ContractDocumentInput(body: "\(title)\n\nThe parties agree."), by: staff)
        let sent = try await engagements.contractSigning.send(contract.id, by: staff)
        let signer = try await identity.clientPrincipal(
            "signer-\(contract.id.uuidString.lowercased())@client.example", role: .owner, of: [company.id])
        _ = try await engagements.contractSigning.sign(
            contract.id, ContractSignatureInput(fullName: "Sam Signer", accept: true, documentSha256: sent.documentSha256),
            by: signer)
        return try await billing.contracts.get(contract.id, by: staff)
    }

    /// The contract periods a billing run on `date` finds due.
    func dueContractPeriods(through date: LocalDate) async throws -> [DueBillingPeriod] {
        let tenant = self.tenant
        return try await database.read(.tenant(tenant.id)) { connection in
            try ContractSchedule.due(tenant: tenant, through: date, on: connection)
        }
    }

    /// Bills one due period in its own transaction, issuing on `runDate` (today by default).
    func billContractPeriod(_ due: DueBillingPeriod, runDate: LocalDate? = nil) async throws -> Invoice? {
        let context = self.context
        let runner = contractRunner
        let runDate = runDate ?? today
        let now = clock.now()
        return try await database.write(runner.scope) { connection in
            try ContractSchedule.bill(due, runDate: runDate, context: context, by: runner, at: now, on: connection)
        }
    }

    /// Bills every contract period due through `date` (today by default), issuing on `runDate`.
    func runContractBilling(through date: LocalDate? = nil, runDate: LocalDate? = nil) async throws -> [Invoice] {
        var invoices: [Invoice] = []
        for due in try await dueContractPeriods(through: date ?? today) {
            if let invoice = try await billContractPeriod(due, runDate: runDate) { invoices.append(invoice) }
        }
        return invoices
    }

    /// Moves the clock to 09:00 UTC on `date`.
    func setContractClock(to date: String) {
        clock.set(Instant(iso8601: "\(date)T09:00:00Z")!)
    }
}

enum ContractExpect {
    /// Expects `body` to throw a `PortalError` with `code` (and `field`, when given).
    static func error<T>(
        _ code: PortalError.Code, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> T
    ) async {
        do {
            _ = try await body()
            Issue.record("expected \(code) error", sourceLocation: sourceLocation)
        } catch let error as PortalError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }
}

import Foundation
import PortalKernel
import PortalManualPayments
import Testing

@testable import PortalKernel

extension BillingFixture {
    /// The engagement use cases on the fixture's context.
    var engagements: EngagementServices { EngagementServices(context: context) }

    /// A fixture with the manual gateway enabled, so "pay now" has somewhere to go.
    static func withManualGateway<Result>(
        _ backend: StorageBackend, _ body: (BillingFixture) async throws -> Result
    ) async throws -> Result {
        try await with(backend, plugins: PortalPlugins(paymentGateways: ["manual": ManualPaymentsGateway()])) { fixture in
            _ = try await fixture.billing.paymentMethods.configure(
                PaymentMethodInput(
                    country: "*", displayName: "Bank transfer", instructions: "Pay by EFT.",
                    details: [PaymentGatewayLabeledValue("Bank", "First Bank")], sortOrder: 1),
                by: fixture.staff)
            return try await body(fixture)
        }
    }

    /// A contact of `company`.
    func addContact(_ name: String, email: String, to company: Company) async throws -> Contact {
        try await Contacts(context: identity.context).add(ContactInput(name: name, email: email), to: company.id, by: staff)
    }

    /// A draft proposal with two phases, three milestones (due in 10, 20 and 40 days) and three
    /// payments: 1,000.00 due today, 2,000.00 in 30 days and 3,000.00 in 60 days.
    func draftProposal(for company: Company, contact: Contact) async throws -> Proposal {
        try await engagements.proposals.create(
            NewProposal(
                companyId: company.id, contactId: contact.id, title: "Outbound engine",
                purpose: "Build the outbound engine.",
                phases: [
                    ProposalPhaseInput(name: "Foundation", description: "Personas and messaging"),
                    ProposalPhaseInput(name: "Integration"),
                ],
                milestones: [
                    ProposalMilestoneInput(title: "Personas", phase: "Foundation", dueDate: today.adding(days: 10)),
                    ProposalMilestoneInput(title: "Graph OAuth", phase: "Integration", dueDate: today.adding(days: 20)),
                    ProposalMilestoneInput(title: "First campaign", phase: "Integration", dueDate: today.adding(days: 40)),
                ],
                payments: [
                    ProposalPaymentInput(description: "Kickoff", amount: 100_000, dueDate: today),
                    ProposalPaymentInput(description: "Midpoint", amount: 200_000, dueDate: today.adding(days: 30)),
                    ProposalPaymentInput(description: "Completion", amount: 300_000, dueDate: today.adding(days: 60)),
                ]),
            by: staff)
    }
}

/// A database that counts the statements run through it, to prove a use case's query count.
final class CountingDatabase: Database, @unchecked Sendable {
    let base: any Database
    private let lock = NSLock()
    private var counted = 0

    init(_ base: any Database) {
        self.base = base
    }

    var dialect: SQLDialect { base.dialect }

    /// Statements run since the last reset.
    var statements: Int { lock.withLock { counted } }

    func reset() { lock.withLock { counted = 0 } }

    fileprivate func count() { lock.withLock { counted += 1 } }

    func read<Result: Sendable>(
        _ options: TransactionOptions, _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await base.read(options) { connection in try body(CountingConnection(base: connection, counter: self)) }
    }

    func write<Result: Sendable>(
        _ options: TransactionOptions, _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await base.write(options) { connection in try body(CountingConnection(base: connection, counter: self)) }
    }

    func ping() async throws { try await base.ping() }
    func close() async {}
}

private struct CountingConnection: SQLConnection {
    let base: any SQLConnection
    let counter: CountingDatabase

    var dialect: SQLDialect { base.dialect }

    func query(_ statement: SQLStatement) throws -> [SQLRow] {
        counter.count()
        return try base.query(statement)
    }

    func forEachRow(_ statement: SQLStatement, _ body: (SQLRow) throws -> Void) throws {
        counter.count()
        try base.forEachRow(statement, body)
    }

    func execute(_ statement: SQLStatement) throws -> Int {
        counter.count()
        return try base.execute(statement)
    }

    func executeScript(_ sql: String) throws {
        counter.count()
        try base.executeScript(sql)
    }
}

import Foundation
import PortalKernel

/// Invoice numbering under contention: draft invoices of one tenant finalized by 8 concurrent
/// writers through the kernel (each finalization takes the tenant's next number in its own
/// transaction), then the numbering checked for gaps and duplicates.
public struct NumberingContention: Sendable {
    public struct Result: Sendable, Codable {
        public var writers: Int
        public var invoices: Int
        public var seconds: Double
        public var invoicesPerSecond: Double
        public var failures: Int
        public var numbering: NumberingCheck.Result
    }

    let writers: Int
    let invoices: Int

    public init(writers: Int = 8, invoices: Int = 2_000) {
        self.writers = writers
        self.invoices = invoices
    }

    public func run(tenant: SeededTenant, assembled portal: Portal, on date: LocalDate) async throws -> Result {
        let principal = Principal.operator(tenant: tenant.id, name: "bench")
        let companies = try await portal.database.read(TransactionOptions(tenantScope: tenant.id.uuidString)) { connection in
            try connection.query("SELECT id FROM companies WHERE tenant_id = \(tenant.id) ORDER BY id")
                .map { try $0.get("id", as: CompanyID.self) }
        }
        guard !companies.isEmpty else { throw PortalError.unavailable("The numbering tenant has no company.") }
        var drafts: [InvoiceID] = []
        for index in 0..<invoices {
            let draft = try await portal.billing.invoices.create(
                NewInvoice(
                    companyId: companies[index % companies.count], issueDate: date, memo: "Numbering benchmark",
                    lines: [InvoiceLineInput(description: "Consulting hour", unitAmount: 12_000)]),
                by: principal)
            drafts.append(draft.id)
        }
        let queue = WorkQueue(count: drafts.count)
        let ids = drafts
        let failures = Counter()
        let clock = ContinuousClock()
        let started = clock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    while let index = queue.next() {
                        do { _ = try await portal.billing.invoices.finalize(ids[index], by: principal) } catch { failures.add() }
                    }
                }
            }
        }
        let seconds = (clock.now - started).seconds
        let numbering = try await NumberingCheck.check(tenants: [tenant], database: portal.database)
        return Result(
            writers: writers, invoices: ids.count, seconds: seconds,
            invoicesPerSecond: seconds > 0 ? Double(ids.count - failures.value) / seconds : 0, failures: failures.value,
            numbering: numbering)
    }
}

import Foundation
import PortalKernel

/// Payments recorded through the API (`POST /api/v1/payments`) by 32 concurrent clients, each
/// on its own keep-alive connection. Every invoice's payment is sent twice, by two clients at
/// nearly the same moment, with the same idempotency key (a client retrying after a lost
/// answer); afterwards each invoice must be paid exactly once: status `paid`, `amount_paid`
/// equal to its total, and one payment row.
public struct PaymentMeasurement: Sendable {
    public struct Result: Sendable, Codable {
        public var clients: Int
        public var invoices: Int
        public var requests: Int
        public var seconds: Double
        /// Distinct payments recorded per second.
        public var paymentsPerSecond: Double
        /// Answers other than 201 (new or replayed) and 409 (the twin request still in flight).
        public var errors: Int
        /// How many answers had each status (0: no answer).
        public var statuses: [String: Int]
        /// The body of the first unexpected answer, to say what went wrong.
        public var firstError: String?
        public var paidExactlyOnce: Int
        public var ok: Bool { errors == 0 && paidExactlyOnce == invoices }
    }

    /// One open invoice to pay.
    struct Payable: Sendable {
        var tenantIndex: Int
        var invoiceId: String
        var companyId: String
        var amountDue: Int64
        var currency: String
    }

    let clients: Int
    let invoicesPerTenant: Int

    public init(clients: Int = 32, invoicesPerTenant: Int = 64) {
        self.clients = clients
        self.invoicesPerTenant = invoicesPerTenant
    }

    public func run(port: Int, tenants: [SeededTenant], database: any Database) async throws -> Result {
        let payables = try await Self.openInvoices(tenants: tenants, perTenant: invoicesPerTenant, database: database)
        // Each invoice twice, next to each other, so two clients take it at nearly the same time.
        let requests = payables.flatMap { [$0, $0] }
        let queue = WorkQueue(count: requests.count)
        let statuses = StatusTally()
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    try await Self.onThread {
                        let connection = LoopbackHTTPConnection(port: port)
                        while let index = queue.next() {
                            let payable = requests[index]
                            let response = try? connection.send(
                                "POST", "/api/v1/payments",
                                headers: [
                                    ("Authorization", "Bearer \(tenants[payable.tenantIndex].apiToken)"),
                                    ("Content-Type", "application/json"),
                                ],
                                body: Self.body(payable))
                            statuses.add(response?.status ?? 0, body: response?.text)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (clock.now - started).seconds
        let paidOnce = try await Self.paidExactlyOnce(payables, tenants: tenants, database: database)
        return Result(
            clients: clients, invoices: payables.count, requests: requests.count, seconds: seconds,
            paymentsPerSecond: seconds > 0 ? Double(payables.count) / seconds : 0, errors: statuses.unexpected,
            statuses: statuses.counts, firstError: statuses.firstUnexpected, paidExactlyOnce: paidOnce)
    }

    static func body(_ payable: Payable) -> [UInt8] {
        Array(
            """
            {"company_id":"\(payable.companyId)","amount":\(payable.amountDue),"currency":"\(payable.currency)",\
            "reference":"bench","allocations":[{"invoice_id":"\(payable.invoiceId)","amount":\(payable.amountDue)}],\
            "idempotency_key":"bench-\(payable.invoiceId)"}
            """.utf8)
    }

    /// The first open invoices of each tenant, oldest first.
    static func openInvoices(tenants: [SeededTenant], perTenant: Int, database: any Database) async throws -> [Payable] {
        var payables: [Payable] = []
        for (index, tenant) in tenants.enumerated() {
            payables += try await database.read(TransactionOptions(tenantScope: tenant.id.uuidString)) { connection in
                try connection.query(
                    """
                    SELECT id, company_id, amount_due, currency FROM invoices
                    WHERE tenant_id = \(tenant.id) AND status = 'open' AND amount_due > 0 ORDER BY id LIMIT \(perTenant)
                    """
                ).map { row in
                    Payable(
                        tenantIndex: index, invoiceId: try row.get("id"), companyId: try row.get("company_id"),
                        amountDue: try row.get("amount_due"), currency: try row.get("currency"))
                }
            }
        }
        return payables
    }

    /// How many of `payables` are paid in full by exactly one payment.
    static func paidExactlyOnce(_ payables: [Payable], tenants: [SeededTenant], database: any Database) async throws -> Int {
        var count = 0
        for (index, tenant) in tenants.enumerated() {
            let ids = payables.filter { $0.tenantIndex == index }.map(\.invoiceId)
            guard !ids.isEmpty else { continue }
            count += try await database.read(TransactionOptions(tenantScope: tenant.id.uuidString)) { connection in
                try connection.queryScalar(
                    """
                    SELECT COUNT(*) FROM invoices
                    WHERE tenant_id = \(tenant.id) AND id IN (\(list: ids)) AND status = 'paid' AND amount_paid = total
                        AND (SELECT COUNT(*) FROM ledger_entries
                             WHERE ledger_entries.tenant_id = invoices.tenant_id AND ledger_entries.kind = 'payment'
                                AND ledger_entries.invoice_id = invoices.id) = 1
                    """, as: Int.self) ?? 0
            }
        }
        return count
    }

    /// Runs blocking work on its own thread, off the cooperative pool.
    static func onThread(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}

/// Hands out the indexes 0..<count once each, to any number of threads.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }
}

/// Answers by status, from many threads; 201 and 409 are expected.
final class StatusTally: @unchecked Sendable {
    private let lock = NSLock()
    private var tally: [String: Int] = [:]
    private var firstBody: String?

    func add(_ status: Int, body: String?) {
        lock.withLock {
            tally[String(status), default: 0] += 1
            if status != 201, status != 409, firstBody == nil { firstBody = "\(status): \(body?.prefix(500) ?? "no answer")" }
        }
    }

    var counts: [String: Int] { lock.withLock { tally } }
    var unexpected: Int { lock.withLock { tally.filter { $0.key != "201" && $0.key != "409" }.values.reduce(0, +) } }
    var firstUnexpected: String? { lock.withLock { firstBody } }
}

/// A thread-safe count.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}

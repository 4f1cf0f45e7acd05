/// What a billing run did, or would do for a dry run.
public struct BillingRunSummary: Sendable, Hashable, Codable {
    /// One period that could not be billed, and why.
    public struct Failure: Sendable, Hashable, Codable {
        public var tenant: String
        public var scheduleType: String
        public var scheduleId: String
        public var periodKey: String
        public var reason: String
    }

    /// The date billed through (periods starting by this date plus the tenant's lead days).
    public var date: LocalDate
    public var dryRun: Bool
    /// Invoices created (or that would be, for a dry run).
    public var invoicesCreated: Int
    /// Their numbers, in creation order (empty for a dry run).
    public var invoiceNumbers: [String]
    /// The total invoiced per currency.
    public var totals: [Money]
    /// Periods found already billed by an earlier run, or no longer billable.
    public var skipped: Int
    public var failed: [Failure]

    public init(date: LocalDate, dryRun: Bool) {
        self.date = date
        self.dryRun = dryRun
        self.invoicesCreated = 0
        self.invoiceNumbers = []
        self.totals = []
        self.skipped = 0
        self.failed = []
    }

    mutating func add(_ invoice: Invoice) throws {
        invoicesCreated += 1
        if let number = invoice.number { invoiceNumbers.append(number) }
        try totals.accumulate(invoice.total)
    }
}

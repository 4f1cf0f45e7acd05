import PortalKernel

extension DataSetSeeder {
    /// The columns of `subscriptions`, in the order of the kernel's `SubscriptionStore.insert`.
    static let subscriptionColumns = [
        "id", "tenant_id", "company_id", "plan_id", "status", "start_date", "anchor_date", "next_period_index",
        "cancel_at_period_end", "pending_plan_id", "paused_on", "canceled_at", "ends_on", "created_at", "updated_at",
    ]

    /// `shape.subscriptions` active monthly subscriptions, round-robin over the companies, each
    /// started on its anchor twelve months before the run date with periods 0–11 billed
    /// (`next_period_index` 12): period 12 starts on the run date, period 13 a month later, so a
    /// run through the run date (plus the lead days) invoices exactly one period of each.
    static func seedSubscriptions(
        _ shape: DataSetShape, runDate: LocalDate, directory: SeedDirectory, database: any Database,
        progress: @Sendable (String) -> Void
    ) async throws {
        let anchor = anchorDate(for: runDate)
        let firstCreated = instant(anchor, hour: 9)
        // When the run for period 11 billed them, which last changed them.
        let lastBilled = instant(runDate.adding(months: -1).adding(days: -7), hour: 6)
        var random = DataSetRandom.stream(2)
        var perTenant: [[(id: SubscriptionID, company: Int, created: Instant)]] = Array(
            repeating: [], count: directory.tenants.count)
        for number in 0..<shape.subscriptions {
            let company = number % directory.companies.count
            let created = firstCreated + .milliseconds(number)
            perTenant[directory.companies[company].tenantIndex].append(
                (SubscriptionID.generate(at: created, using: &random), company, created))
        }

        var report = Progress("subscriptions", total: shape.subscriptions)
        var done = 0
        for (tenantIndex, subscriptions) in perTenant.enumerated() {
            let tenant = directory.tenants[tenantIndex]
            for start in stride(from: 0, to: subscriptions.count, by: rowsPerTransaction) {
                var rows = DataSetBulkInsert(table: "subscriptions", columns: subscriptionColumns)
                for subscription in subscriptions[start..<min(start + rowsPerTransaction, subscriptions.count)] {
                    rows.append([
                        subscription.id.sqlValue, tenant.id.sqlValue, directory.companies[subscription.company].id.sqlValue,
                        tenant.planId.sqlValue, .text(SubscriptionStatus.active.rawValue), anchor.sqlValue, anchor.sqlValue,
                        duePeriodIndex.sqlValue, false.sqlValue, .null, .null, .null, .null, subscription.created.sqlValue,
                        lastBilled.sqlValue,
                    ])
                }
                try await database.insertSeedRows(rows.statements(), tenant: tenant.id)
                done += rows.count
                report.update(done, progress)
            }
        }
        if shape.subscriptions == 0 { report.update(0, progress) }
    }
}

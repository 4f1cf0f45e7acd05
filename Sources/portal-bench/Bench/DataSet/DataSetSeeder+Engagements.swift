import PortalKernel

extension DataSetSeeder {
    /// How many engagements go into one transaction (about 4,000 rows in the full shape).
    static let engagementsPerTransaction = 200

    /// `shape.engagements` active engagements, round-robin over the companies, then one growth
    /// engagement per ``DataSetShape/growthDeliverables`` entry for the first company (tenant 0).
    static func seedEngagements(
        _ shape: DataSetShape, runDate: LocalDate, directory: SeedDirectory, database: any Database,
        progress: @Sendable (String) -> Void
    ) async throws -> (regular: [SeededEngagement], growth: [SeededEngagement]) {
        var random = DataSetRandom.stream(3)
        var perTenant: [[EngagementSeed]] = Array(repeating: [], count: directory.tenants.count)
        for number in 0..<shape.engagements {
            let company = number % directory.companies.count
            let tenant = directory.companies[company].tenantIndex
            perTenant[tenant].append(
                EngagementSeed(
                    number: number, tenantIndex: tenant, companyIndex: company, milestoneCount: shape.milestonesPerEngagement,
                    deliverableCount: shape.deliverablesPerEngagement, paymentCount: shape.paymentsPerEngagement,
                    runDate: runDate, random: &random))
        }
        let regular = perTenant.flatMap { $0 }.sorted { $0.number < $1.number }.map(Self.seeded)

        var report = Progress("engagements", total: shape.engagements)
        var done = 0
        for (tenantIndex, engagements) in perTenant.enumerated() {
            for start in stride(from: 0, to: engagements.count, by: engagementsPerTransaction) {
                let batch = engagements[start..<min(start + engagementsPerTransaction, engagements.count)]
                try await insert(batch, tenant: tenantIndex, directory: directory, runDate: runDate, database: database)
                done += batch.count
                report.update(done, progress)
            }
        }
        if shape.engagements == 0 { report.update(0, progress) }

        var growth: [SeededEngagement] = []
        for (offset, deliverables) in shape.growthDeliverables.enumerated() {
            let engagement = EngagementSeed(
                number: shape.engagements + offset, tenantIndex: 0, companyIndex: 0,
                milestoneCount: shape.milestonesPerEngagement, deliverableCount: deliverables,
                paymentCount: shape.paymentsPerEngagement, runDate: runDate, random: &random)
            try await insert([engagement], tenant: 0, directory: directory, runDate: runDate, database: database)
            growth.append(seeded(engagement))
        }
        if !growth.isEmpty {
            progress("growth engagements \(growth.map { String($0.deliverables) }.joined(separator: ", ")) deliverables")
        }
        return (regular, growth)
    }

    private static func seeded(_ engagement: EngagementSeed) -> SeededEngagement {
        SeededEngagement(
            proposalId: engagement.proposalId, tenantIndex: engagement.tenantIndex, deliverables: engagement.deliverables.count)
    }

    /// Writes `engagements` of tenant `tenantIndex` in one transaction.
    private static func insert(
        _ engagements: some Collection<EngagementSeed>, tenant tenantIndex: Int, directory: SeedDirectory, runDate: LocalDate,
        database: any Database
    ) async throws {
        let tenant = directory.tenants[tenantIndex]
        // What approval records: the operator approving on the client's behalf.
        let approvedBy = tenant.principal.label
        var rows = EngagementRows()
        for engagement in engagements {
            rows.append(
                engagement, tenant: tenant, company: directory.companies[engagement.companyIndex], approvedBy: approvedBy,
                runDate: runDate)
        }
        try await database.insertSeedRows(rows.statements(), tenant: tenant.id)
    }
}

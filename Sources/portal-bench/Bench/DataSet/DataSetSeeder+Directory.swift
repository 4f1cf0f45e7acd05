import PortalKernel

/// What the kernel's use cases create: the records everything else hangs on.
struct SeedDirectory: Sendable {
    struct TenantEntry: Sendable {
        var id: TenantID
        var slug: String
        var currency: Currency
        var apiToken: String
        var planId: PlanID
        var principal: Principal
    }

    struct CompanyEntry: Sendable {
        var tenantIndex: Int
        var id: CompanyID
        var contactId: ContactID
    }

    var tenants: [TenantEntry]
    /// Company `i` belongs to tenant `i % tenants.count`.
    var companies: [CompanyEntry]
}

extension DataSetSeeder {
    /// The tenants' currencies and their companies' countries, in rotation.
    static let markets: [(currency: String, country: String, city: String)] = [
        ("USD", "US", "Austin"), ("ZAR", "ZA", "Cape Town"), ("EUR", "DE", "Berlin"), ("GBP", "GB", "Leeds"),
    ]

    /// How many use-case calls run at once (PostgreSQL serves them from its pool; SQLite's one
    /// writer takes them in turn).
    static let concurrentCalls = 4

    /// The slug of tenant `index` (0-based): `bench-01`.
    static func slug(_ index: Int) -> String { "bench-" + DataSetNames.padded(index + 1, width: 2) }

    /// Tenants with their owner, API token and plan, then companies with one contact each, all
    /// through the kernel as the operator. Each tenant's companies are created in order, so
    /// their account numbers follow the company numbers.
    static func seedDirectory(
        _ shape: DataSetShape, runDate: LocalDate, portal: Portal, progress: @Sendable (String) -> Void
    ) async throws -> SeedDirectory {
        var tenantProgress = Progress("tenants", total: shape.tenants)
        var tenantsDone = 0
        let tenants = try await concurrently(shape.tenants) { index in
            try await seedTenant(index, runDate: runDate, portal: portal)
        } finished: { _ in
            tenantsDone += 1
            tenantProgress.update(tenantsDone, progress)
        }

        // Names are drawn in company order before anything runs concurrently.
        var random = DataSetRandom.stream(1)
        let inputs = (0..<shape.companies).map { index in
            companyInput(index, tenant: index % shape.tenants, random: &random)
        }
        var companyProgress = Progress("companies", total: shape.companies)
        var companiesDone = 0
        let perTenant = try await concurrently(shape.tenants) { tenantIndex in
            let tenant = tenants[tenantIndex]
            var created: [(index: Int, entry: SeedDirectory.CompanyEntry)] = []
            for index in stride(from: tenantIndex, to: inputs.count, by: tenants.count) {
                let company = try await portal.identity.companies.create(inputs[index].company, by: tenant.principal)
                let contact = try await portal.identity.contacts.add(inputs[index].contact, to: company.id, by: tenant.principal)
                created.append(
                    (index, SeedDirectory.CompanyEntry(tenantIndex: tenantIndex, id: company.id, contactId: contact.id)))
            }
            return created
        } finished: { created in
            companiesDone += created.count
            companyProgress.update(companiesDone, progress)
        }
        if shape.companies == 0 { companyProgress.update(0, progress) }
        let companies = perTenant.flatMap { $0 }.sorted { $0.index < $1.index }.map(\.entry)
        return SeedDirectory(tenants: tenants, companies: companies)
    }

    /// Tenant `index`: created, with a staff owner, a token acting as the owner, and a plan.
    private static func seedTenant(_ index: Int, runDate: LocalDate, portal: Portal) async throws -> SeedDirectory.TenantEntry {
        let identity = portal.identity
        let market = markets[index % markets.count]
        let number = DataSetNames.padded(index + 1, width: 2)
        let tenant = try await identity.tenants.create(
            NewTenant(
                name: "Bench Agency \(number)", slug: slug(index), defaultCurrency: market.currency, timeZone: "UTC",
                billingDays: [runDate.day]),
            operatorName: operatorName)
        let principal = Principal.operator(tenant: tenant.id, name: operatorName)
        let owner = try await identity.users.create(
            NewUser(
                email: "owner@\(tenant.slug).example", name: "Bench Owner \(number)", kind: UserKind.staff.rawValue,
                password: password),
            by: principal)
        let token = try await identity.apiTokens.create(name: "portal-bench", expiresAt: nil, for: owner.id, by: principal)
        let plan = try await portal.billing.plans.create(
            NewPlan(
                code: planCode, name: "Website Care", description: "Updates, backups and monitoring.", price: planPrice,
                interval: .monthly),
            by: principal)
        return SeedDirectory.TenantEntry(
            id: tenant.id, slug: tenant.slug, currency: tenant.defaultCurrency, apiToken: token.secret, planId: plan.id,
            principal: principal)
    }

    /// The company numbered `index` (0-based) and its contact.
    private static func companyInput(
        _ index: Int, tenant: Int, random: inout DataSetRandom
    ) -> (company: CompanyInput, contact: ContactInput) {
        let market = markets[tenant % markets.count]
        let name = "\(random.pick(DataSetNames.companyFirst)) \(random.pick(DataSetNames.companySecond)) "
            + "\(DataSetNames.padded(index + 1, width: 4)) \(random.pick(DataSetNames.companySuffix))"
        let domain = "company-\(DataSetNames.padded(index + 1, width: 4)).example"
        let first = random.pick(DataSetNames.firstNames)
        let last = random.pick(DataSetNames.lastNames)
        let company = CompanyInput(
            name: name, industry: "Services", website: "https://\(domain)",
            billingAddress: PostalAddress(
                line1: "\(1 + random.below(200)) Main Road", city: market.city, postalCode: String(1_000 + random.below(9_000)),
                country: market.country),
            billingEmail: "accounts@\(domain)")
        let contact = ContactInput(
            name: "\(first) \(last)", email: "\(DataSetNames.emailPart(first)).\(DataSetNames.emailPart(last))@\(domain)",
            title: random.pick(DataSetNames.contactTitles))
        return (company, contact)
    }

    /// Runs `body` for `0 ..< count`, at most ``concurrentCalls`` at once, and returns the
    /// results in index order; `finished` sees each result as it comes, in the caller's task.
    static func concurrently<Result: Sendable>(
        _ count: Int, _ body: @escaping @Sendable (Int) async throws -> Result, finished: (Result) -> Void
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results: [Result?] = Array(repeating: nil, count: count)
            var next = 0
            while next < min(count, concurrentCalls) {
                group.addTask { [next] in (next, try await body(next)) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                finished(result)
                if next < count {
                    group.addTask { [next] in (next, try await body(next)) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}

import Foundation
import Logging
import PortalAssembly
import PortalBench
import PortalKernel
import PortalTesting
import Testing

/// The benchmark's seeded data set, read back through the kernel's own use cases (never the
/// seeder's SQL) on both databases: exact counts, engagements the portal view can show, and
/// subscriptions that a billing run on the run date invoices exactly, once each.
@Suite("Data-set seeder")
struct DataSetSeederTests {
    static let runDate = LocalDate(year: 2026, month: 12, day: 1)!
    static let shape = DataSetShape.smoke

    @Test(
        "the smoke shape is seeded exactly, reads back through the kernel and bills exactly its subscriptions",
        arguments: SeederBackend.allCases)
    func smokeShape(_ backend: SeederBackend) async throws {
        let lines = SeederProgressLines()
        let (seeded, first) = try await SeederInstallation.seeded(backend, shape: Self.shape, runDate: Self.runDate, lines: lines)
        do {
            let portal = first.assembled.portal
            #expect(lines.all.contains("tenants 3/3"))
            #expect(lines.all.contains("companies 12/12"))
            #expect(lines.all.contains("subscriptions 300/300"))
            #expect(lines.all.contains("engagements 30/30"))

            try await checkCounts(seeded, portal: portal)
            try await checkPortalViews(seeded, portal: portal)
            try await checkBilling(seeded, portal: portal)

            // The same shape in another empty database reads the same.
            let (again, second) = try await SeederInstallation.seeded(
                backend, shape: Self.shape, runDate: Self.runDate, lines: nil)
            do {
                let before = try await SeederFingerprint.read(seeded, portal: portal, skipBilledTenant: 1)
                let after = try await SeederFingerprint.read(again, portal: second.assembled.portal, skipBilledTenant: 1)
                #expect(before == after)
                #expect(before.companies.count == Self.shape.companies)
            } catch {
                await second.tearDown()
                throw error
            }
            await second.tearDown()
        } catch {
            await first.tearDown()
            throw error
        }
        await first.tearDown()
    }

    @Test("a shape the kernel could not hold is refused before anything is written")
    func refusesImpossibleShapes() async throws {
        let installation = try await SeederInstallation.make(.sqlite)
        var shape = DataSetShape.smoke
        shape.deliverablesPerEngagement = shape.milestonesPerEngagement - 1
        await #expect(throws: PortalError.self) {
            _ = try await DataSetSeeder.seed(shape, runDate: Self.runDate, into: installation.assembled)
        }
        // 29 February has no day twelve months earlier to anchor on.
        await #expect(throws: PortalError.self) {
            _ = try await DataSetSeeder.seed(
                .smoke, runDate: LocalDate(year: 2028, month: 2, day: 29)!, into: installation.assembled)
        }
        let tenants = try await installation.assembled.portal.identity.tenants.all()
        await installation.tearDown()
        #expect(tenants.isEmpty)
    }

    // MARK: Checks

    /// Tenants, companies, contacts, plans, subscriptions and proposals, per tenant.
    private func checkCounts(_ seeded: SeededDataSet, portal: Portal) async throws {
        let shape = Self.shape
        #expect(seeded.runDate == Self.runDate)
        #expect(try await portal.identity.tenants.all().map(\.slug) == ["bench-01", "bench-02", "bench-03"])
        #expect(seeded.tenants.map(\.slug) == ["bench-01", "bench-02", "bench-03"])
        #expect(seeded.engagements.count == shape.engagements)
        #expect(seeded.engagements.allSatisfy { $0.deliverables == shape.deliverablesPerEngagement })
        #expect(seeded.growth.map(\.deliverables) == shape.growthDeliverables)
        #expect(seeded.growth.allSatisfy { $0.tenantIndex == 0 })

        for (index, tenant) in seeded.tenants.enumerated() {
            let staff = Principal.operator(tenant: tenant.id, name: "test")
            let companies = try await everyPage {
                try await portal.identity.companies.list(CompanyListOptions(), page: $0, by: staff)
            }
            #expect(companies.count == Self.share(shape.companies, of: index))
            let contacts = try await everyPage {
                try await portal.identity.contacts.list(ContactListOptions(), company: nil, page: $0, by: staff)
            }
            #expect(contacts.count == companies.count)

            let plans = try await portal.billing.plans.list(by: staff)
            #expect(plans.map(\.code) == [DataSetSeeder.planCode])
            #expect(plans.first?.price.minorUnits == DataSetSeeder.planPrice)
            #expect(plans.first?.interval == .monthly)

            let subscriptions = try await everyPage {
                try await portal.billing.subscriptions.list(SubscriptionListOptions(), page: $0, by: staff)
            }
            // Companies take subscriptions in turn, and tenants take companies in turn.
            #expect(subscriptions.count == Self.subscriptions(ofTenant: index))
            #expect(subscriptions.allSatisfy { $0.status == .active && $0.nextPeriodStart == Self.runDate })
            #expect(subscriptions.allSatisfy { $0.anchorDate == LocalDate(year: 2025, month: 12, day: 1)! })

            let proposals = try await everyPage {
                try await portal.engagements.proposals.list(ProposalListOptions(), page: $0, by: staff)
            }
            let expected = seeded.engagements.filter { $0.tenantIndex == index }.count + (index == 0 ? seeded.growth.count : 0)
            #expect(proposals.count == expected)
            #expect(proposals.allSatisfy { $0.status == .active && $0.approvedAt != nil && $0.sentAt != nil })
        }
    }

    /// Engagements as their tenant's API token sees them in the portal view.
    private func checkPortalViews(_ seeded: SeededDataSet, portal: Portal) async throws {
        let shape = Self.shape
        let origin = RequestOrigin(address: "127.0.0.1", userAgent: "portal-bench tests")
        var principals: [Principal] = []
        for tenant in seeded.tenants {
            // The bearer-token path the HTTP server takes.
            let principal = try await portal.identity.authenticator.authenticate(bearerToken: tenant.apiToken, origin: origin)
            #expect(principal.tenantId == tenant.id)
            #expect(principal.isStaff)
            principals.append(principal)
        }
        await #expect(throws: PortalError.self) {
            _ = try await portal.identity.authenticator.authenticate(
                bearerToken: seeded.tenants[0].apiToken + "x", origin: origin)
        }

        for engagement in Array(seeded.engagements.prefix(4)) + seeded.growth {
            let principal = principals[engagement.tenantIndex]
            let view = try await portal.engagements.portal.view(engagement.proposalId, by: principal)
            let milestones = min(shape.milestonesPerEngagement, engagement.deliverables)
            #expect(view.deliverables.count == engagement.deliverables)
            #expect(view.deliverables.filter { $0.milestoneId != nil }.count == milestones)
            #expect(view.proposal.status == .active)
            #expect(view.proposal.phases.count == 2)
            #expect(view.proposal.milestones.count == milestones)
            #expect(view.proposal.milestones.allSatisfy { $0.dueDate > Self.runDate })
            #expect(view.payments.count == shape.paymentsPerEngagement)
            #expect(view.payments.allSatisfy { $0.status == .pending && $0.invoice == nil })
            #expect(view.payments.allSatisfy { $0.dueDate >= Self.runDate.adding(days: 200) })
            #expect(view.status.totalDeliverables == engagement.deliverables)
            #expect(view.deliverables.allSatisfy { !$0.overdue })
            #expect(view.deliverables.allSatisfy { ($0.status == .completed) == ($0.completedAt != nil) })

            let listed = try await everyPage {
                try await portal.engagements.deliverables.list(
                    DeliverableListOptions(proposalId: engagement.proposalId), page: $0, by: principal)
            }
            #expect(listed.count == engagement.deliverables)
        }
        // Every status occurs among the regular engagements' deliverables.
        var statuses: Set<DeliverableStatus> = []
        for engagement in seeded.engagements.prefix(8) {
            let view = try await portal.engagements.portal.view(engagement.proposalId, by: principals[engagement.tenantIndex])
            statuses.formUnion(view.deliverables.map(\.status))
        }
        #expect(statuses == Set(DeliverableStatus.allCases))
    }

    /// A dry run counts each tenant's subscriptions, and only them; a real run for one tenant
    /// invoices each once, with no failure, and leaves nothing due.
    private func checkBilling(_ seeded: SeededDataSet, portal: Portal) async throws {
        for (index, tenant) in seeded.tenants.enumerated() {
            let staff = Principal.operator(tenant: tenant.id, name: "test")
            let dryRun = try await portal.billing.runs.run(through: Self.runDate, dryRun: true, by: staff)
            #expect(dryRun.invoicesCreated == Self.subscriptions(ofTenant: index))
        }
        let tenant = seeded.tenants[1]
        let staff = Principal.operator(tenant: tenant.id, name: "test")
        let run = try await portal.billing.runs.run(through: Self.runDate, by: staff)
        #expect(run.invoicesCreated == Self.subscriptions(ofTenant: 1))
        #expect(run.failed.isEmpty)
        #expect(run.skipped == 0)
        #expect(run.totals.map(\.minorUnits) == [DataSetSeeder.planPrice * Int64(Self.subscriptions(ofTenant: 1))])
        let invoices = try await everyPage { try await portal.billing.invoices.list(InvoiceListOptions(), page: $0, by: staff) }
        #expect(invoices.count == Self.subscriptions(ofTenant: 1))
        #expect(invoices.allSatisfy { $0.kind == .subscription && $0.status == .open && $0.issueDate == Self.runDate })
        #expect(try await portal.billing.runs.run(through: Self.runDate, dryRun: true, by: staff).invoicesCreated == 0)
    }

    // MARK: Helpers

    /// How many of `count` round-robin items tenant `index` of the smoke shape gets.
    static func share(_ count: Int, of index: Int) -> Int {
        (0..<count).filter { $0 % shape.tenants == index }.count
    }

    /// Subscriptions go round-robin over companies, which go round-robin over tenants.
    static func subscriptions(ofTenant index: Int) -> Int {
        (0..<shape.subscriptions).filter { ($0 % shape.companies) % shape.tenants == index }.count
    }
}

/// Every item of a paged list.
private func everyPage<Item: Sendable>(_ fetch: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
    var items: [Item] = []
    var cursor: String?
    repeat {
        let page = try await fetch(try PageRequest(limit: PageRequest.maximumLimit, cursor: cursor))
        items += page.items
        cursor = page.nextCursor
    } while cursor != nil
    return items
}

/// What two seeds of the same shape must share, read through the kernel.
struct SeederFingerprint: Equatable {
    var slugs: [String]
    var currencies: [String]
    /// Per tenant in order, its companies by account number: number, name, billing country.
    var companies: [String]
    var contacts: [String]
    var plans: [String]
    var subscriptions: [String]
    /// Per engagement in seeded order: its title, phases, milestones, payments and deliverables.
    var engagements: [String]

    static func read(_ seeded: SeededDataSet, portal: Portal, skipBilledTenant: Int) async throws -> SeederFingerprint {
        var print = SeederFingerprint(
            slugs: seeded.tenants.map(\.slug), currencies: [], companies: [], contacts: [], plans: [], subscriptions: [],
            engagements: [])
        for (index, tenant) in seeded.tenants.enumerated() {
            let staff = Principal.operator(tenant: tenant.id, name: "test")
            print.currencies.append(try await portal.identity.tenants.current(by: staff).defaultCurrency.code)
            let companies = try await everyPage {
                try await portal.identity.companies.list(CompanyListOptions(sort: ListSort(.accountNumber)), page: $0, by: staff)
            }
            print.companies += companies.map { "\($0.accountNumber) \($0.name) \($0.billingAddress?.country ?? "-")" }
            let contacts = try await everyPage {
                try await portal.identity.contacts.list(
                    ContactListOptions(sort: ListSort(.name)), company: nil, page: $0, by: staff)
            }
            print.contacts += contacts.map { "\($0.name) <\($0.email ?? "")>" }
            print.plans += try await portal.billing.plans.list(by: staff).map {
                "\($0.code) \($0.price.minorUnits) \($0.price.currency.code)"
            }
            // The billed tenant's subscriptions moved on a period; the others still read as seeded.
            if index != skipBilledTenant {
                let subscriptions = try await everyPage {
                    try await portal.billing.subscriptions.list(SubscriptionListOptions(), page: $0, by: staff)
                }
                print.subscriptions += subscriptions.map {
                    "\($0.anchorDate) \($0.nextPeriodStart) \($0.plan.price.minorUnits)"
                }.sorted()
            }
        }
        for engagement in seeded.engagements + seeded.growth {
            let staff = Principal.operator(tenant: seeded.tenants[engagement.tenantIndex].id, name: "test")
            let view = try await portal.engagements.portal.view(engagement.proposalId, by: staff)
            let milestones = view.proposal.milestones.map { "\($0.title)@\($0.dueDate)/\($0.phase ?? "-")" }
            let payments = view.payments.map { "\($0.description) \($0.amount.minorUnits) \($0.dueDate)" }
            let deliverables = view.deliverables.map { "\($0.title):\($0.status.rawValue):\($0.dueDate?.iso8601 ?? "-")" }
            print.engagements.append(
                "\(engagement.tenantIndex) \(view.client.company) / \(view.client.name): \(view.proposal.title) | "
                    + "\(view.proposal.phases.map(\.name)) | \(milestones) | \(payments) | \(deliverables)")
        }
        return print
    }
}

/// The databases the seeder runs on.
enum SeederBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }
}

/// A throwaway installation, assembled from configuration as the executables do it, migrated.
struct SeederInstallation: Sendable {
    let folder: String
    let assembled: AssembledPortal

    static func make(_ backend: SeederBackend) async throws -> SeederInstallation {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-seed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var environment = [
            "PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite",
            "PORTAL_SECRETS_KEYS": "k1:" + Data(repeating: 7, count: 32).base64EncodedString(),
            "PORTAL_JOBS_IN_PROCESS": "false",
            "PORTAL_PLUGINS_BCRYPT_COST": "4",
        ]
        if backend == .postgres { environment["PORTAL_DATABASE_URL"] = try await TestPostgres.freshDatabaseURL() }
        let registry = BuiltInPlugins.registry()
        let configuration = try PortalConfiguration.load(environment: environment, registry: registry)
        var logger = Logger(label: "portal.bench.tests")
        logger.logLevel = .warning
        let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: logger)
        _ = try await assembled.portal.migrator.migrate(assembled.portal.database)
        return SeederInstallation(folder: folder, assembled: assembled)
    }

    /// A new installation with `shape` seeded into it.
    static func seeded(
        _ backend: SeederBackend, shape: DataSetShape, runDate: LocalDate, lines: SeederProgressLines?
    ) async throws -> (SeededDataSet, SeederInstallation) {
        let installation = try await make(backend)
        do {
            let seeded = try await DataSetSeeder.seed(shape, runDate: runDate, into: installation.assembled) { line in
                lines?.append(line)
            }
            return (seeded, installation)
        } catch {
            await installation.tearDown()
            throw error
        }
    }

    func tearDown() async {
        await assembled.shutdown()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// The progress lines a seed reported.
final class SeederProgressLines: @unchecked Sendable {  // `lines` guarded by `lock`
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

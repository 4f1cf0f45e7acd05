import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// Using and adjusting usage credits.
@Suite struct CreditsTests {
    private typealias Bench = SubscriptionBench

    @Test(arguments: StorageBackend.allCases)
    func usageCannotOverdrawUnlessTheTenantAllowsIt(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let credits = fixture.billing.credits
            let company = try await fixture.createCompany("Karoo Coffee")
            let owner = try await fixture.identity.clientPrincipal("owner@karoo.test", role: .owner, of: [company.id])
            _ = try await credits.adjust(company.id, credits: 10, reason: "Welcome", by: fixture.staff)

            let used = try await credits.use(company.id, credits: 7, description: "Report", idempotencyKey: "r-1", by: owner)
            #expect(used.balance == 3 && used.entry.credits == -7 && used.entry.kind == .usage && !used.replayed)
            await Bench.expectError(.conflict, field: "credits") {
                try await credits.use(company.id, credits: 4, description: "Report", idempotencyKey: "r-2", by: owner)
            }
            await Bench.expectError(.conflict, field: "credits") {
                try await credits.adjust(company.id, credits: -4, reason: "Correction", by: fixture.staff)
            }
            #expect(try await credits.balance(of: company.id, by: owner) == 3)

            try await bench.setSettings(BillingSettings(allowNegativeCredits: true))
            let overdrawn = try await credits.use(company.id, credits: 4, description: "Report", idempotencyKey: "r-2", by: owner)
            #expect(overdrawn.balance == -1)
            await Bench.expectError(.invalid, field: "credits") {
                try await credits.use(company.id, credits: 0, description: "Nothing", idempotencyKey: "r-3", by: owner)
            }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aRepeatedIdempotencyKeyReturnsTheFirstUse(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let credits = fixture.billing.credits
            let company = try await fixture.createCompany("Karoo Coffee")
            _ = try await credits.adjust(company.id, credits: 10, reason: "Welcome", by: fixture.staff)
            fixture.clock.advance(by: .seconds(1))
            let first = try await credits.use(company.id, credits: 4, description: "Export", idempotencyKey: "job-42", by: fixture.staff)
            let again = try await credits.use(company.id, credits: 4, description: "Export", idempotencyKey: "job-42", by: fixture.staff)
            #expect(again.entry == first.entry && again.replayed && again.balance == 6)
            #expect(try await credits.balance(of: company.id, by: fixture.staff) == 6)
            await Bench.expectError(.conflict, field: "idempotency_key") {
                try await credits.use(company.id, credits: 5, description: "Export", idempotencyKey: "job-42", by: fixture.staff)
            }
            let entries = try await credits.entries(of: company.id, page: try PageRequest(limit: 1), by: fixture.staff)
            #expect(entries.items.map(\.credits) == [-4] && entries.nextCursor != nil)
            let rest = try await credits.entries(of: company.id, page: try PageRequest(limit: 5, cursor: entries.nextCursor), by: fixture.staff)
            #expect(rest.items.map(\.credits) == [10] && rest.nextCursor == nil)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func concurrentUsesNeverOverdraw(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let credits = fixture.billing.credits
            let company = try await fixture.createCompany("Karoo Coffee")
            _ = try await credits.adjust(company.id, credits: 100, reason: "Welcome", by: fixture.staff)
            let staff = fixture.staff
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await credits.use(
                                company.id, credits: 30, description: "Batch \(task)", idempotencyKey: "batch-\(task)", by: staff)
                            return true
                        } catch let error as PortalError where error.code == .conflict && error.field == "credits" {
                            return false
                        } catch {
                            Issue.record("unexpected error \(error)")
                            return false
                        }
                    }
                }
                var results: [Bool] = []
                for await result in group { results.append(result) }
                return results
            }
            #expect(outcomes.filter { $0 }.count == 3)
            #expect(try await credits.balance(of: company.id, by: staff) == 10)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func clientsReadTheirOwnBalanceOnly(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let credits = fixture.billing.credits
            let mine = try await fixture.createCompany("Karoo Coffee")
            let theirs = try await fixture.createCompany("Fynbos Tea")
            let viewer = try await fixture.identity.clientPrincipal("viewer@karoo.test", role: .viewer, of: [mine.id])
            _ = try await credits.adjust(mine.id, credits: 5, reason: "Welcome", by: fixture.staff)
            #expect(try await credits.balance(of: mine.id, by: viewer) == 5)
            await Bench.expectError(.notFound) { try await credits.balance(of: theirs.id, by: viewer) }
            await Bench.expectError(.forbidden) {
                try await credits.use(mine.id, credits: 1, description: "Report", idempotencyKey: "v-1", by: viewer)
            }
            await Bench.expectError(.forbidden) { try await credits.adjust(mine.id, credits: 1, reason: "Mine", by: viewer) }
            let actions = try await fixture.identity.auditActions()
            #expect(actions.contains("credits.adjustment"))
        }
    }
}

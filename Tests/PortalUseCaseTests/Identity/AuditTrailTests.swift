import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Audit trail")
struct AuditTrailTests {
    /// Five events for the fixture's tenant, one per company created.
    func recordFive(_ fixture: IdentityFixture) async throws {
        for name in ["One", "Two", "Three", "Four"] { try await fixture.createCompany(name) }
    }

    @Test(arguments: StorageBackend.allCases)
    func eventsAreChainedPerTenantAndVerify(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await recordFive(fixture)
            let other = fixture.switching(to: try await fixture.createTenant(slug: "other"))
            try await other.createCompany("Elsewhere")
            let events = try await AuditLog(database: fixture.database).list(AuditFilter(), page: .first, by: fixture.operatorPrincipal)
            #expect(events.items.map(\.sequence) == [5, 4, 3, 2, 1])
            #expect(events.items.last?.previousHash == AuditTrail.genesisHash(for: fixture.tenant.id))
            for (newer, older) in zip(events.items, events.items.dropFirst()) {
                #expect(newer.previousHash == older.hash)
            }
            let results = try await AuditVerifier.verifyAll(on: fixture.database)
            #expect(results.count == 2 && results.allSatisfy(\.isIntact))
            #expect(results.first { $0.tenantId == fixture.tenant.id }?.eventsChecked == 5)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func theDatabaseRefusesToChangeOrRemoveEvents(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            await #expect(throws: PortalError.self) { try await fixture.execute("UPDATE audit_events SET action = 'x'") }
            await #expect(throws: PortalError.self) { try await fixture.execute("DELETE FROM audit_events") }
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases, [Tampering.alter, .removeMiddle, .removeLast, .reorder])
    func tamperingIsReportedAtTheFirstBrokenLink(_ backend: StorageBackend, _ tampering: Tampering) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await recordFive(fixture)
            try await fixture.dropAppendOnlyGuard()
            switch tampering {
            case .alter: try await fixture.execute("UPDATE audit_events SET actor_label = 'someone else' WHERE sequence = 3")
            case .removeMiddle: try await fixture.execute("DELETE FROM audit_events WHERE sequence = 2")
            case .removeLast: try await fixture.execute("DELETE FROM audit_events WHERE sequence = 5")
            case .reorder:
                try await fixture.execute("UPDATE audit_events SET occurred_at = occurred_at WHERE sequence = 1")
                try await fixture.execute("UPDATE audit_events SET changes = '{}' WHERE sequence = 4")
            }
            let result = try await AuditVerifier.verify(tenant: fixture.tenant.id, on: fixture.database)
            let expected: Int64 = switch tampering {
            case .alter: 3
            case .removeMiddle: 2
            case .removeLast: 5
            case .reorder: 4
            }
            #expect(result.firstBreak?.sequence == expected, "\(String(describing: result.firstBreak))")
        }
    }

    enum Tampering: String, CaseIterable, Sendable { case alter, removeMiddle, removeLast, reorder }

    @Test func secretsAreRedactedFromRecordedChanges() throws {
        struct Credentials: Encodable { var name: String; var passwordHash: String; var apiToken: String; var totpSecret: String }
        let changes = try AuditEntry.diff(
            before: Credentials(name: "a", passwordHash: "h1", apiToken: "t1", totpSecret: "s1"),
            after: Credentials(name: "b", passwordHash: "h2", apiToken: "t2", totpSecret: "s2"))
        #expect(changes["name"] == AuditChange(before: .string("a"), after: .string("b")))
        for key in ["password_hash", "api_token", "totp_secret"] {
            #expect(changes[key] == AuditChange(before: .string("[redacted]"), after: .string("[redacted]")))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func listsFilterByResourceActorAndTime(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let log = AuditLog(database: fixture.database)
            let first = try await fixture.createCompany("First")
            fixture.clock.advance(by: .seconds(3600))
            let staff = fixture.principal(for: try await fixture.createUser(email: "staff@acme.example"))
            _ = try await Companies(context: fixture.context).update(first.id, CompanyInput(industry: "Retail"), by: staff)
            let byResource = try await log.list(AuditFilter(resourceType: "company", resourceId: first.id.uuidString), page: .first, by: staff)
            #expect(byResource.items.map(\.action) == ["company.updated", "company.created"])
            let byActor = try await log.list(AuditFilter(actor: "user:staff@acme.example"), page: .first, by: staff)
            #expect(byActor.items.map(\.action) == ["company.updated"])
            #expect(byActor.items.first?.ipAddress == "192.0.2.10" && byActor.items.first?.requestId == "test")
            let early = try await log.list(AuditFilter(until: IdentityFixture.start + .seconds(1)), page: .first, by: staff)
            #expect(early.items.map(\.action) == ["company.created", "tenant.created"])
            let paged = try await log.list(AuditFilter(), page: try PageRequest(limit: 2), by: staff)
            let rest = try await log.list(AuditFilter(), page: try PageRequest(limit: 2, cursor: paged.nextCursor), by: staff)
            #expect(paged.items.count == 2 && rest.items.first.map { $0.sequence < paged.items.last!.sequence } == true)
            let client = try await fixture.clientPrincipal("owner@first.example", role: .owner, of: [first.id])
            await #expect(throws: PortalError.forbidden()) { try await log.list(AuditFilter(), page: .first, by: client) }
        }
    }
}

extension IdentityFixture {
    /// Removes the triggers that keep audit events append-only, as an attacker with direct
    /// database access could, so the verifier's detection can be tested.
    func dropAppendOnlyGuard() async throws {
        switch backend {
        case .sqlite:
            try await execute("DROP TRIGGER audit_events_no_update")
            try await execute("DROP TRIGGER audit_events_no_delete")
        case .postgres:
            try await adminExecute("DROP TRIGGER audit_events_append_only ON audit_events")
        }
    }
}

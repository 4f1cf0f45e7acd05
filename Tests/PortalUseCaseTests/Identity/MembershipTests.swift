import Foundation
import PortalKernel
import PortalTesting
import Testing

@Suite("Memberships")
struct MembershipTests {
    @Test(arguments: StorageBackend.allCases)
    func listShowsMembersWithNamesToThoseWhoMayReadThem(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let memberships = Memberships(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Blue Crane")
            let viewer = try await fixture.clientPrincipal("viewer@karoo.example", role: .viewer, of: [company.id])
            let developer = try await fixture.clientPrincipal("dev@agency.example", role: .developer, of: [company.id], kind: .developer)
            let outsider = try await fixture.clientPrincipal("owner@crane.example", role: .owner, of: [other.id])
            let ana = try await fixture.createUser(email: "ana@karoo.example", name: "Ana Ndlovu", kind: .client)
            let added = try await memberships.add(company: company.id, userId: ana.id, role: "admin", by: fixture.operatorPrincipal)

            let members = try await memberships.list(company: company.id, by: viewer)
            #expect(members.count == 3)
            let listed = try #require(members.first { $0.membership.id == added.id })
            #expect(listed == CompanyMemberWithUser(membership: added, name: "Ana Ndlovu", email: "ana@karoo.example"))
            #expect(Set(members.map(\.email)) == ["viewer@karoo.example", "dev@agency.example", "ana@karoo.example"])
            await #expect(throws: PortalError.forbidden()) { try await memberships.list(company: company.id, by: developer) }
            await #expect(throws: PortalError.notFound("No such company.")) { try await memberships.list(company: company.id, by: outsider) }
            #expect(try await memberships.list(company: other.id, by: fixture.operatorPrincipal).map(\.email) == ["owner@crane.example"])
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func addGivesTheRoleDefaultsAndAuditsIt(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let memberships = Memberships(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let admin = try await fixture.clientPrincipal("admin@karoo.example", role: .admin, of: [company.id])
            let ana = try await fixture.createUser(email: "ana@karoo.example", kind: .client)
            let dev = try await fixture.createUser(email: "dev@agency.example", kind: .developer)
            let billing = try await memberships.add(company: company.id, userId: ana.id, role: "billing", by: admin)
            #expect(billing.role == .billing && billing.permissions == .defaults(for: .billing) && billing.invitedBy == nil)
            let custom = CompanyPermissions(canApproveDevelopers: true)
            let developer = try await memberships.add(company: company.id, userId: dev.id, role: "developer", permissions: custom, by: admin)
            #expect(developer.permissions == custom)
            #expect(try await fixture.membership(of: dev.id, in: company.id) == developer)
            let events = try await fixture.query(
                "SELECT action, company_id, actor_label FROM audit_events WHERE resource_type = 'membership' ORDER BY sequence")
            #expect(try events.map { try $0.get("action", as: String.self) } == ["membership.created", "membership.created"])
            #expect(try events.map { try $0.get("company_id", as: CompanyID.self) } == [company.id, company.id])
            #expect(try events.first?.get("actor_label", as: String.self) == "user:admin@karoo.example")
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func addRefusesBadInputAndWritesNothing(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let memberships = Memberships(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let viewer = try await fixture.clientPrincipal("viewer@karoo.example", role: .viewer, of: [company.id])
            let staff = try await fixture.createUser(email: "staff@acme.example", kind: .staff)
            let agencyAdmin = try await fixture.createUser(email: "boss@agency.example", kind: .agencyAdmin)
            let ana = try await fixture.createUser(email: "ana@karoo.example", kind: .client)
            let elsewhere = try await fixture.switching(to: try await fixture.createTenant(slug: "other"))
                .createUser(email: "far@other.example", kind: .client)
            let rows = try await fixture.writtenRows()
            let principal = fixture.operatorPrincipal
            let cases: [(UserID, String?, String)] = [
                (ana.id, "emperor", "role"),
                (ana.id, nil, "role"),
                (staff.id, "viewer", "user_id"),
                (agencyAdmin.id, "viewer", "user_id"),
                (elsewhere.id, "viewer", "user_id"),
                (UserID.generate(at: fixture.clock.now()), "viewer", "user_id"),
            ]
            for (user, role, field) in cases {
                let error = await portalError { try await memberships.add(company: company.id, userId: user, role: role, by: principal) }
                #expect(error?.code == .invalid && error?.field == field, "\(String(describing: error))")
            }
            let role = await portalError { try await memberships.add(company: company.id, userId: ana.id, role: "emperor", by: principal) }
            #expect(role?.message == "role must be one of: owner, admin, billing, viewer, developer.")
            await #expect(throws: PortalError.forbidden()) {
                try await memberships.add(company: company.id, userId: ana.id, role: "viewer", by: viewer)
            }
            #expect(try await fixture.writtenRows() == rows)

            _ = try await memberships.add(company: company.id, userId: ana.id, role: "viewer", by: principal)
            let twice = await portalError { try await memberships.add(company: company.id, userId: ana.id, role: "admin", by: principal) }
            #expect(twice?.code == .conflict && twice?.field == "user_id")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func onlyStaffAndOwnersGrantOrTakeAwayOwnership(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let memberships = Memberships(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let owner = try await fixture.clientPrincipal("owner@karoo.example", role: .owner, of: [company.id])
            let admin = try await fixture.clientPrincipal("admin@karoo.example", role: .admin, of: [company.id])
            let ana = try await fixture.createUser(email: "ana@karoo.example", kind: .client)
            let bo = try await fixture.createUser(email: "bo@karoo.example", kind: .client)

            #expect(await portalError { try await memberships.add(company: company.id, userId: ana.id, role: "owner", by: admin) }?.code == .forbidden)
            let anaMember = try await memberships.add(company: company.id, userId: ana.id, role: "viewer", by: admin)
            #expect(await portalError { try await memberships.update(anaMember.id, MembershipUpdate(role: "owner"), by: admin) }?.code == .forbidden)
            let promoted = try await memberships.update(anaMember.id, MembershipUpdate(role: "owner"), by: owner)
            #expect(promoted.role == .owner && promoted.permissions == .defaults(for: .owner))
            // An admin can neither demote nor remove an owner, nor change an owner's rights.
            #expect(await portalError { try await memberships.update(anaMember.id, MembershipUpdate(role: "viewer"), by: admin) }?.code == .forbidden)
            #expect(
                await portalError { try await memberships.update(anaMember.id, MembershipUpdate(canManageBilling: false), by: admin) }?.code
                    == .forbidden)
            #expect(await portalError { try await memberships.remove(anaMember.id, by: admin) }?.code == .forbidden)
            let boMember = try await memberships.add(company: company.id, userId: bo.id, role: "owner", by: fixture.operatorPrincipal)
            try await memberships.remove(boMember.id, by: owner)
            #expect(try await fixture.membership(of: bo.id, in: company.id) == nil)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func theLastOwnerCannotBeDemotedOrRemoved(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let memberships = Memberships(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let ana = try await fixture.createUser(email: "ana@karoo.example", kind: .client)
            let bo = try await fixture.createUser(email: "bo@karoo.example", kind: .client)
            let principal = fixture.operatorPrincipal
            let only = try await memberships.add(company: company.id, userId: ana.id, role: "owner", by: principal)
            let rows = try await fixture.writtenRows()
            let demote = await portalError { try await memberships.update(only.id, MembershipUpdate(role: "admin"), by: principal) }
            #expect(demote?.code == .conflict && demote?.field == "role")
            let remove = await portalError { try await memberships.remove(only.id, by: principal) }
            #expect(remove?.code == .conflict && remove?.field == "role")
            #expect(try await fixture.writtenRows() == rows)

            // With a second owner either may go, but not both.
            let second = try await memberships.add(company: company.id, userId: bo.id, role: "owner", by: principal)
            _ = try await memberships.update(only.id, MembershipUpdate(role: "admin"), by: principal)
            let last = await portalError { try await memberships.remove(second.id, by: principal) }
            #expect(last?.code == .conflict && last?.field == "role")
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func concurrentDemotionsKeepAnOwner(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let memberships = Memberships(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            var owners: [MembershipID] = []
            for name in ["ana", "bo", "cy"] {
                let user = try await fixture.createUser(email: "\(name)@karoo.example", kind: .client)
                owners.append(try await memberships.add(company: company.id, userId: user.id, role: "owner", by: fixture.operatorPrincipal).id)
            }
            let results = await withTaskGroup(of: Bool.self) { group -> [Bool] in
                for id in owners {
                    group.addTask { (try? await memberships.remove(id, by: fixture.operatorPrincipal)) != nil }
                }
                var results: [Bool] = []
                for await result in group { results.append(result) }
                return results
            }
            #expect(results.filter { $0 }.count == 2)
            #expect(try await fixture.scalar(
                "SELECT count(*) FROM company_memberships WHERE company_id = \(company.id) AND role = 'owner'", as: Int64.self) == 1)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func updateAndRemoveAreAuditedWithBeforeAndAfter(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let memberships = Memberships(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Blue Crane")
            let admin = try await fixture.clientPrincipal("admin@karoo.example", role: .admin, of: [company.id])
            let outsider = try await fixture.clientPrincipal("owner@crane.example", role: .owner, of: [other.id])
            let ana = try await fixture.createUser(email: "ana@karoo.example", kind: .client)
            let member = try await memberships.add(company: company.id, userId: ana.id, role: "admin", by: admin)
            fixture.clock.advance(by: .seconds(60))

            // A new role resets the flags to its defaults; flags given apply on top.
            let billing = try await memberships.update(member.id, MembershipUpdate(role: "billing", canSignContracts: true), by: admin)
            #expect(billing.role == .billing)
            #expect(billing.permissions == CompanyPermissions(canSignContracts: true, canManageBilling: true))
            #expect(billing.updatedAt == fixture.clock.now())
            let same = try await memberships.update(member.id, MembershipUpdate(role: "billing", canSignContracts: true), by: admin)
            #expect(same == billing)
            let badRole = await portalError { try await memberships.update(member.id, MembershipUpdate(role: "king"), by: admin) }
            #expect(badRole?.code == .invalid && badRole?.field == "role")

            await #expect(throws: PortalError.notFound("No such membership.")) {
                try await memberships.update(member.id, MembershipUpdate(role: "viewer"), by: outsider)
            }
            await #expect(throws: PortalError.notFound("No such membership.")) { try await memberships.remove(member.id, by: outsider) }
            await #expect(throws: PortalError.notFound("No such membership.")) {
                try await memberships.remove(MembershipID.generate(at: fixture.clock.now()), by: admin)
            }

            try await memberships.remove(member.id, by: admin)
            #expect(try await fixture.membership(of: ana.id, in: company.id) == nil)
            let events = try await AuditLog(database: fixture.database).list(
                AuditFilter(resourceType: "membership", resourceId: member.id.uuidString), page: .first, by: fixture.operatorPrincipal)
            #expect(Set(events.items.map(\.action)) == ["membership.created", "membership.updated", "membership.removed"])
            #expect(events.items.allSatisfy { $0.companyId == company.id })
            let updated = try #require(events.items.first { $0.action == "membership.updated" })
            #expect(updated.changes["role"] == AuditChange(before: .string("admin"), after: .string("billing")))
            try await fixture.expectAuditChainIntact()
        }
    }
}

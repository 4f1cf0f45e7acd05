import Foundation
import PortalKernel
import PortalTesting
import Testing

@Suite("Invitations")
struct InvitationTests {
    static let invalidToken = PortalError.notFound(
        "This invitation link is not valid. It may have expired, been revoked or been used already.")

    @Test(arguments: StorageBackend.allCases)
    func createQueuesTheEmailAndStoresOnlyTheTokenHash(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.publicURL = "https://portal.acme.example/"
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let owner = try await fixture.clientPrincipal("owner@karoo.example", role: .owner, of: [company.id])
            let issued = try await invitations.create(
                NewInvitation(email: " Ana@Karoo.example ", name: "Ana Ndlovu", role: "admin"), company: company.id, by: owner)
            #expect(issued.token.hasPrefix("pi_") && issued.token.count > 40)
            let invitation = issued.invitation
            #expect(invitation.email == "Ana@Karoo.example" && invitation.name == "Ana Ndlovu")
            #expect(invitation.role == .admin && invitation.permissions == .defaults(for: .admin))
            #expect(invitation.status == .pending && invitation.sentCount == 1)
            #expect(invitation.expiresAt == IdentityFixture.start + .seconds(7 * 24 * 3600))
            #expect(invitation.invitedBy == owner.userId && invitation.invitedByLabel == "user:owner@karoo.example")
            #expect(try await invitations.get(invitation.id, by: owner) == invitation)

            let emails = try await fixture.invitationEmails()
            #expect(emails.count == 1)
            let email = try #require(emails.first)
            #expect(email.to == [MailerAddress("Ana@Karoo.example", name: "Ana Ndlovu")])
            #expect(email.messageKey == "invitation:\(invitation.id.uuidString):1")
            #expect(email.subject.contains("Karoo Coffee") && email.subject.contains("Acme Digital"))
            #expect(email.text?.contains("https://portal.acme.example/invitations/accept?token=\(issued.token)\n") == true)
            #expect(email.text?.contains("Test User invited you") == true)
            try email.validate()

            #expect(try await fixture.tablesContaining(issued.token).isEmpty)
            let stored = try await fixture.scalar("SELECT token_hash FROM invitations WHERE id = \(invitation.id)", as: String.self)
            #expect(stored == OpaqueToken.hash(issued.token))
            #expect(try await fixture.auditActions().suffix(1) == ["invitation.created"])
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func previewShowsWhatTheInviteeJoins(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let issued = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", role: "billing"), company: company.id, by: fixture.operatorPrincipal)
            let preview = try await invitations.preview(token: issued.token)
            #expect(
                preview == InvitationPreview(
                    tenantName: "Acme Digital", companyName: "Karoo Coffee", email: "ana@karoo.example", name: nil, role: .billing,
                    expiresAt: issued.invitation.expiresAt, accountExists: false))
            #expect(issued.invitation.invitedBy == nil && issued.invitation.invitedByLabel == "operator:fixture")
            for token in ["", "pi_unknown", issued.token + "x", String(repeating: "a", count: 5000)] {
                await #expect(throws: Self.invalidToken) { try await invitations.preview(token: token) }
            }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func acceptCreatesTheUserAndMembershipOnce(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let owner = try await fixture.clientPrincipal("owner@karoo.example", role: .owner, of: [company.id])
            let issued = try await invitations.create(
                NewInvitation(email: "Ana@Karoo.example", name: "Ana", role: "viewer", canManageBilling: true),
                company: company.id, by: owner)
            fixture.clock.advance(by: .seconds(3600))
            let accepted = try await invitations.accept(
                token: issued.token, InvitationAcceptance(name: "Ana Ndlovu", password: IdentityFixture.password),
                origin: IdentityFixture.origin)
            #expect(accepted.createdUser)
            #expect(accepted.user.email == "Ana@Karoo.example" && accepted.user.name == "Ana Ndlovu" && accepted.user.kind == .client)
            #expect(accepted.membership.companyId == company.id && accepted.membership.userId == accepted.user.id)
            #expect(accepted.membership.role == .viewer)
            #expect(accepted.membership.permissions == CompanyPermissions(canManageBilling: true))
            #expect(accepted.membership.invitedBy == owner.userId)
            #expect(try await fixture.membership(of: accepted.user.id, in: company.id) == accepted.membership)
            let hash = try #require(
                try await fixture.scalar("SELECT password_hash FROM users WHERE id = \(accepted.user.id)", as: String.self))
            #expect(try await fixture.context.passwordHasher.verify(IdentityFixture.password, against: hash))

            let read = try await invitations.get(issued.invitation.id, by: owner)
            #expect(read.status == .accepted && read.acceptedUserId == accepted.user.id && read.acceptedAt == fixture.clock.now())
            #expect(try await fixture.auditActions().suffix(3) == ["user.created", "invitation.accepted", "membership.created"])
            // The new user is created by no one signed in; then the user accepts through the flow.
            let events = try await fixture.query(
                "SELECT actor_type, actor_id, company_id FROM audit_events ORDER BY sequence DESC LIMIT 3")
            #expect(try events.map { try $0.get("actor_type", as: String.self) } == ["user", "user", "anonymous"])
            #expect(try events.first?.get("actor_id", as: String?.self) == accepted.user.id.uuidString)
            #expect(try events.map { try $0.get("company_id", as: CompanyID?.self) } == [company.id, company.id, nil])

            let rows = try await fixture.writtenRows()
            await #expect(throws: Self.invalidToken) {
                try await invitations.accept(token: issued.token, InvitationAcceptance(password: IdentityFixture.password))
            }
            await #expect(throws: Self.invalidToken) { try await invitations.preview(token: issued.token) }
            #expect(try await fixture.writtenRows() == rows)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func concurrentAcceptancesYieldExactlyOneMembership(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let issued = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", name: "Ana", role: "developer"), company: company.id,
                by: fixture.operatorPrincipal)
            let outcomes = await withTaskGroup(of: Result<AcceptedInvitation, PortalError>.self) { group -> [Result<AcceptedInvitation, PortalError>] in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            return .success(
                                try await invitations.accept(token: issued.token, InvitationAcceptance(password: IdentityFixture.password)))
                        } catch {
                            return .failure(PortalError.wrapping(error))
                        }
                    }
                }
                var outcomes: [Result<AcceptedInvitation, PortalError>] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let accepted = outcomes.compactMap { try? $0.get() }
            #expect(accepted.count == 1)
            #expect(accepted.first?.user.kind == .developer)
            for case .failure(let error) in outcomes { #expect(error == Self.invalidToken) }
            #expect(try await fixture.count("company_memberships") == 1)
            #expect(try await fixture.scalar("SELECT count(*) FROM users WHERE email_key = 'ana@karoo.example'", as: Int64.self) == 1)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func anExpiredInvitationCannotBeUsedButCanBeResent(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let issued = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", name: "Ana", role: "viewer"), company: company.id, by: fixture.operatorPrincipal)
            fixture.clock.advance(by: .seconds(7 * 24 * 3600 + 1))
            await #expect(throws: Self.invalidToken) { try await invitations.preview(token: issued.token) }
            let rows = try await fixture.writtenRows()
            await #expect(throws: Self.invalidToken) {
                try await invitations.accept(token: issued.token, InvitationAcceptance(password: IdentityFixture.password))
            }
            #expect(try await fixture.writtenRows() == rows)
            let principal = fixture.operatorPrincipal
            #expect(try await invitations.get(issued.invitation.id, by: principal).status == .expired)
            #expect(try await invitations.list(company: company.id, status: .expired, by: principal).items.map(\.id) == [issued.invitation.id])
            #expect(try await invitations.list(company: company.id, status: .pending, by: principal).items.isEmpty)
            let revoke = await portalError { try await invitations.revoke(issued.invitation.id, by: principal) }
            #expect(revoke?.code == .conflict && revoke?.field == "status")

            // An expired invitation no longer blocks a new one for the same address…
            let again = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", role: "viewer"), company: company.id, by: principal)
            _ = try await invitations.revoke(again.invitation.id, by: principal)
            // …and resending it issues a working link.
            let resent = try await invitations.resend(issued.invitation.id, by: principal)
            #expect(resent.invitation.status == .pending && resent.invitation.sentCount == 2)
            #expect(resent.invitation.expiresAt == fixture.clock.now() + .seconds(7 * 24 * 3600))
            _ = try await invitations.accept(token: resent.token, InvitationAcceptance(password: IdentityFixture.password))
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aRevokedInvitationCannotBeAccepted(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let admin = try await fixture.clientPrincipal("admin@karoo.example", role: .admin, of: [company.id])
            let issued = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", role: "viewer"), company: company.id, by: admin)
            let revoked = try await invitations.revoke(issued.invitation.id, by: admin)
            #expect(revoked.status == .revoked && revoked.revokedAt == fixture.clock.now())
            #expect(try await fixture.scalar(
                "SELECT revoked_by_label FROM invitations WHERE id = \(issued.invitation.id)", as: String.self) == "user:admin@karoo.example")
            await #expect(throws: Self.invalidToken) { try await invitations.preview(token: issued.token) }
            await #expect(throws: Self.invalidToken) {
                try await invitations.accept(token: issued.token, InvitationAcceptance(name: "Ana", password: IdentityFixture.password))
            }
            let twice = await portalError { try await invitations.revoke(issued.invitation.id, by: admin) }
            #expect(twice?.code == .conflict)
            let resend = await portalError { try await invitations.resend(issued.invitation.id, by: admin) }
            #expect(resend?.code == .conflict)
            #expect(try await invitations.list(company: company.id, status: .revoked, by: admin).items.map(\.id) == [issued.invitation.id])
            #expect(try await fixture.count("company_memberships") == 1)
            #expect(try await fixture.auditActions().suffix(1) == ["invitation.revoked"])
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func resendInvalidatesTheOldToken(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let issued = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", name: "Ana", role: "viewer"), company: company.id, by: fixture.operatorPrincipal)
            fixture.clock.advance(by: .seconds(3 * 24 * 3600))
            let resent = try await invitations.resend(issued.invitation.id, by: fixture.operatorPrincipal)
            #expect(resent.token != issued.token)
            #expect(resent.invitation.sentCount == 2 && resent.invitation.lastSentAt == fixture.clock.now())
            #expect(resent.invitation.expiresAt == fixture.clock.now() + .seconds(7 * 24 * 3600))
            await #expect(throws: Self.invalidToken) { try await invitations.preview(token: issued.token) }
            #expect(try await invitations.preview(token: resent.token).email == "ana@karoo.example")

            let emails = try await fixture.invitationEmails()
            #expect(emails.map(\.messageKey) == [1, 2].map { "invitation:\(issued.invitation.id.uuidString):\($0)" })
            #expect(emails.compactMap(invitationToken(in:)) == [issued.token, resent.token])
            #expect(try await fixture.tablesContaining(resent.token).isEmpty)
            #expect(try await fixture.auditActions().suffix(1) == ["invitation.resent"])

            await #expect(throws: Self.invalidToken) {
                try await invitations.accept(token: issued.token, InvitationAcceptance(password: IdentityFixture.password))
            }
            let accepted = try await invitations.accept(token: resent.token, InvitationAcceptance(password: IdentityFixture.password))
            #expect(accepted.user.name == "Ana")
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func anExistingUserIsLinkedInsteadOfCreated(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let first = try await fixture.createCompany("Karoo Coffee")
            let second = try await fixture.createCompany("Blue Crane")
            let ana = try await fixture.createUser(email: "ana@karoo.example", name: "Ana Ndlovu", kind: .client)
            _ = try await Memberships(context: fixture.context).add(
                company: first.id, userId: ana.id, role: "owner", by: fixture.operatorPrincipal)
            let issued = try await invitations.create(
                NewInvitation(email: "ANA@karoo.example", role: "admin"), company: second.id, by: fixture.operatorPrincipal)
            #expect(try await invitations.preview(token: issued.token).accountExists)
            let users = try await fixture.count("users")
            let accepted = try await invitations.accept(token: issued.token, InvitationAcceptance(), origin: IdentityFixture.origin)
            #expect(!accepted.createdUser && accepted.user == ana)
            #expect(accepted.membership.companyId == second.id && accepted.membership.role == .admin)
            #expect(try await fixture.count("users") == users)
            #expect(try await fixture.auditActions().suffix(2) == ["invitation.accepted", "membership.created"])

            // Staff accounts and existing members cannot be invited.
            _ = try await fixture.createUser(email: "staff@acme.example", kind: .staff)
            let staff = await portalError {
                try await invitations.create(NewInvitation(email: "staff@acme.example", role: "viewer"), company: first.id, by: fixture.operatorPrincipal)
            }
            #expect(staff?.code == .conflict && staff?.field == "email")
            let member = await portalError {
                try await invitations.create(NewInvitation(email: "ana@KAROO.example", role: "viewer"), company: first.id, by: fixture.operatorPrincipal)
            }
            #expect(member?.code == .conflict && member?.field == "email")

            // Someone who became a member after being invited cannot accept; the invitation stays pending.
            let bo = try await fixture.createUser(email: "bo@karoo.example", kind: .client)
            let boInvited = try await invitations.create(
                NewInvitation(email: "bo@karoo.example", role: "admin"), company: first.id, by: fixture.operatorPrincipal)
            _ = try await Memberships(context: fixture.context).add(company: first.id, userId: bo.id, role: "viewer", by: fixture.operatorPrincipal)
            let already = await portalError { try await invitations.accept(token: boInvited.token, InvitationAcceptance()) }
            #expect(already?.code == .conflict && already?.field == "email")
            #expect(try await invitations.get(boInvited.invitation.id, by: fixture.operatorPrincipal).status == .pending)
            #expect(try await fixture.membership(of: bo.id, in: first.id)?.role == .viewer)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aStaffAccountCannotAcceptAnInvitation(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let issued = try await invitations.create(
                NewInvitation(email: "sam@acme.example", role: "viewer"), company: company.id, by: fixture.operatorPrincipal)
            // The address became a staff account after the invitation was sent.
            _ = try await fixture.createUser(email: "sam@acme.example", kind: .staff)
            let rows = try await fixture.writtenRows()
            let error = await portalError { try await invitations.accept(token: issued.token, InvitationAcceptance()) }
            #expect(error?.code == .conflict && error?.field == "email")
            #expect(try await fixture.writtenRows() == rows)
            #expect(try await invitations.get(issued.invitation.id, by: fixture.operatorPrincipal).status == .pending)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func onlyStaffAndOwnersInviteOwnersAndOnlyManagersInviteAtAll(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Blue Crane")
            let owner = try await fixture.clientPrincipal("owner@karoo.example", role: .owner, of: [company.id])
            let admin = try await fixture.clientPrincipal("admin@karoo.example", role: .admin, of: [company.id])
            let viewer = try await fixture.clientPrincipal("viewer@karoo.example", role: .viewer, of: [company.id])
            let outsider = try await fixture.clientPrincipal("owner@crane.example", role: .owner, of: [other.id])
            let rows = try await fixture.writtenRows()

            let ownerByAdmin = await portalError {
                try await invitations.create(NewInvitation(email: "new@karoo.example", role: "owner"), company: company.id, by: admin)
            }
            #expect(ownerByAdmin?.code == .forbidden)
            await #expect(throws: PortalError.forbidden()) {
                try await invitations.create(NewInvitation(email: "new@karoo.example", role: "viewer"), company: company.id, by: viewer)
            }
            await #expect(throws: PortalError.notFound("No such company.")) {
                try await invitations.create(NewInvitation(email: "new@karoo.example", role: "viewer"), company: company.id, by: outsider)
            }
            await #expect(throws: PortalError.notFound("No such company.")) {
                try await invitations.list(company: company.id, by: outsider)
            }
            await #expect(throws: PortalError.forbidden()) { try await invitations.list(company: company.id, by: viewer) }
            #expect(try await fixture.writtenRows() == rows)

            let byOwner = try await invitations.create(NewInvitation(email: "co-owner@karoo.example", role: "owner"), company: company.id, by: owner)
            let byAdmin = try await invitations.create(NewInvitation(email: "new@karoo.example", role: "admin"), company: company.id, by: admin)
            _ = try await invitations.create(NewInvitation(email: "boss@karoo.example", role: "owner"), company: company.id, by: fixture.operatorPrincipal)

            // Another company's user learns nothing about the invitations; a viewer may not touch them;
            // an admin may not re-issue an owner invitation.
            for id in [byOwner.invitation.id, byAdmin.invitation.id] {
                await #expect(throws: PortalError.notFound("No such invitation.")) { try await invitations.get(id, by: outsider) }
                await #expect(throws: PortalError.notFound("No such invitation.")) { try await invitations.revoke(id, by: outsider) }
                await #expect(throws: PortalError.notFound("No such invitation.")) { try await invitations.resend(id, by: outsider) }
                #expect(await portalError { try await invitations.revoke(id, by: viewer) }?.code == .forbidden)
            }
            #expect(await portalError { try await invitations.resend(byOwner.invitation.id, by: admin) }?.code == .forbidden)
            _ = try await invitations.resend(byAdmin.invitation.id, by: admin)
            _ = try await invitations.resend(byOwner.invitation.id, by: owner)
            #expect(try await invitations.list(company: company.id, by: admin).items.count == 3)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func badInputIsRefusedWithTheFieldAndWritesNothing(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Blue Crane")
            let foreignContact = try await fixture.insertContact(of: other.id, name: "Bo", email: "bo@crane.example")
            let silentContact = try await fixture.insertContact(of: company.id, name: "Quiet", email: nil)
            let cases: [(NewInvitation, String)] = [
                (NewInvitation(email: "not-an-email", role: "viewer"), "email"),
                (NewInvitation(email: "ana@@karoo.example", role: "viewer"), "email"),
                (NewInvitation(role: "viewer"), "email"),
                (NewInvitation(email: "ana@karoo.example", role: "emperor"), "role"),
                (NewInvitation(email: "ana@karoo.example", role: nil), "role"),
                (NewInvitation(email: "ana@karoo.example", name: String(repeating: "x", count: 201), role: "viewer"), "name"),
                (NewInvitation(email: "ana@karoo.example", name: "Ana\u{0007}", role: "viewer"), "name"),
                (NewInvitation(email: "ana@karoo.example", role: "viewer", contactId: "nope"), "contact_id"),
                (NewInvitation(email: "ana@karoo.example", role: "viewer", contactId: foreignContact.uuidString), "contact_id"),
                (NewInvitation(role: "viewer", contactId: silentContact.uuidString), "email"),
            ]
            let rows = try await fixture.writtenRows()
            for (input, field) in cases {
                let error = await portalError { try await invitations.create(input, company: company.id, by: fixture.operatorPrincipal) }
                #expect(error?.code == .invalid && error?.field == field, "\(String(describing: error)) for \(input)")
            }
            let role = await portalError {
                try await invitations.create(NewInvitation(email: "ana@karoo.example", role: "emperor"), company: company.id, by: fixture.operatorPrincipal)
            }
            #expect(role?.message == "role must be one of: owner, admin, billing, viewer, developer.")
            await #expect(throws: PortalError.notFound("No such company.")) {
                try await invitations.create(
                    NewInvitation(email: "ana@karoo.example", role: "viewer"), company: CompanyID.generate(at: fixture.clock.now()),
                    by: fixture.operatorPrincipal)
            }

            // Acceptance checks the new account's name and password before writing anything.
            let issued = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", role: "viewer"), company: company.id, by: fixture.operatorPrincipal)
            let afterCreate = try await fixture.writtenRows()
            #expect(afterCreate["invitations"] == rows["invitations"].map { $0 + 1 })
            let acceptances: [(InvitationAcceptance, String)] = [
                (InvitationAcceptance(password: IdentityFixture.password), "name"),
                (InvitationAcceptance(name: "Ana"), "password"),
                (InvitationAcceptance(name: "Ana", password: "short"), "password"),
                (InvitationAcceptance(name: String(repeating: "x", count: 201), password: IdentityFixture.password), "name"),
            ]
            for (input, field) in acceptances {
                let error = await portalError { try await invitations.accept(token: issued.token, input) }
                #expect(error?.code == .invalid && error?.field == field, "\(String(describing: error)) for \(input)")
            }
            #expect(try await fixture.writtenRows() == afterCreate)
            #expect(try await invitations.get(issued.invitation.id, by: fixture.operatorPrincipal).status == .pending)
            #expect(!String(describing: InvitationAcceptance(password: IdentityFixture.password)).contains(IdentityFixture.password))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aPendingInvitationBlocksADuplicate(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let other = try await fixture.createCompany("Blue Crane")
            _ = try await invitations.create(NewInvitation(email: "ana@karoo.example", role: "viewer"), company: company.id, by: fixture.operatorPrincipal)
            let duplicate = await portalError {
                try await invitations.create(NewInvitation(email: "ANA@karoo.example", role: "admin"), company: company.id, by: fixture.operatorPrincipal)
            }
            #expect(duplicate?.code == .conflict && duplicate?.field == "email")
            // Another company may invite the same person.
            _ = try await invitations.create(NewInvitation(email: "ana@karoo.example", role: "viewer"), company: other.id, by: fixture.operatorPrincipal)
            #expect(try await fixture.count("invitations") == 2)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aContactsInvitationUsesItsAddressAndLinksTheUser(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let contact = try await fixture.insertContact(of: company.id, name: "Thandi Mokoena", email: "thandi@karoo.example")
            let issued = try await invitations.create(
                NewInvitation(role: "billing", contactId: contact.uuidString), company: company.id, by: fixture.operatorPrincipal)
            #expect(issued.invitation.email == "thandi@karoo.example" && issued.invitation.name == "Thandi Mokoena")
            #expect(issued.invitation.contactId == contact)
            #expect(issued.invitation.permissions == .defaults(for: .billing))
            let accepted = try await invitations.accept(token: issued.token, InvitationAcceptance(password: IdentityFixture.password))
            #expect(accepted.user.name == "Thandi Mokoena")
            let linked = try await fixture.scalar("SELECT user_id FROM contacts WHERE id = \(contact)", as: UserID?.self)
            #expect(linked == accepted.user.id)
            #expect(try await fixture.auditActions().suffix(4) == ["user.created", "invitation.accepted", "membership.created", "contact.updated"])
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func listPagesNewestFirstAndFiltersByStatus(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            var ids: [InvitationID] = []
            for index in 0..<5 {
                fixture.clock.advance(by: .seconds(60))
                ids.append(try await invitations.create(
                    NewInvitation(email: "person\(index)@karoo.example", role: "viewer"), company: company.id, by: fixture.operatorPrincipal
                ).invitation.id)
            }
            _ = try await invitations.revoke(ids[1], by: fixture.operatorPrincipal)
            let first = try await invitations.list(company: company.id, page: try PageRequest(limit: 3), by: fixture.operatorPrincipal)
            #expect(first.items.map(\.id) == Array(ids.reversed().prefix(3)))
            let second = try await invitations.list(
                company: company.id, page: try PageRequest(limit: 3, cursor: first.nextCursor), by: fixture.operatorPrincipal)
            #expect(second.items.map(\.id) == [ids[1], ids[0]] && second.nextCursor == nil)
            let pending = try await invitations.list(company: company.id, status: .pending, by: fixture.operatorPrincipal)
            #expect(pending.items.map(\.id) == [ids[4], ids[3], ids[2], ids[0]])
            #expect(try await invitations.list(company: company.id, status: .accepted, by: fixture.operatorPrincipal).items.isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func tokensOfOneTenantWorkOnlyForItsOwnRecords(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let invitations = Invitations(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee")
            let issued = try await invitations.create(
                NewInvitation(email: "ana@karoo.example", role: "viewer"), company: company.id, by: fixture.operatorPrincipal)
            let other = fixture.switching(to: try await fixture.createTenant(slug: "other"))
            // Another tenant's staff cannot see it; its own user with the same email is not linked.
            await #expect(throws: PortalError.notFound("No such invitation.")) {
                try await invitations.get(issued.invitation.id, by: other.operatorPrincipal)
            }
            let twin = try await other.createUser(email: "ana@karoo.example", kind: .client)
            let accepted = try await invitations.accept(token: issued.token, InvitationAcceptance(name: "Ana", password: IdentityFixture.password))
            #expect(accepted.createdUser && accepted.user.id != twin.id && accepted.user.tenantId == fixture.tenant.id)
            try await fixture.expectAuditChainIntact()
            try await other.expectAuditChainIntact()
        }
    }
}

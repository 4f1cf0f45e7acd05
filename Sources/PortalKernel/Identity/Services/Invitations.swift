/// Invitations to become a user of a company: sending, listing, resending and revoking them
/// (this file), and previewing and accepting them by their link (`Invitations+Acceptance.swift`).
///
/// An invitation is a single-use link mailed to the invitee. Its token is shown once, to the
/// inviter, and never stored: the database keeps only its hash, and the queued email is sealed.
/// An invitation is `pending` until it is accepted or revoked, and reads as `expired` once
/// ``IdentitySettings/invitationLifetime`` has passed; resending issues a new token (the old
/// link stops working) and a new expiry.
///
/// ```swift
/// let invitations = Invitations(context: identity)
/// let issued = try await invitations.create(NewInvitation(email: "ana@client.example", role: "admin"), company: acme.id, by: principal)
/// // later, from the link in the email:
/// let accepted = try await invitations.accept(token: issued.token, InvitationAcceptance(password: "correct horse battery"), origin: origin)
/// ```
public struct Invitations: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Invites someone to the company and queues the invitation email in the same transaction.
    ///
    /// Needs ``AccessAction/manageInvitations``; only staff and owners may invite an owner.
    /// With a `contact_id` and no `email`, the contact's email (and name) are used. Refused with
    /// `conflict` on `email` when that address already belongs to a member of the company (or to
    /// an account that cannot join companies), or a pending invitation for it exists.
    public func create(_ input: NewInvitation, company: CompanyID, by principal: Principal) async throws -> IssuedInvitation {
        try AccessPolicy.authorize(principal, .manageInvitations, on: .company(company))
        let role = try Memberships.role(input.role)
        if role == .owner { try Memberships.requireOwnerRights(principal, company: company) }
        let givenEmail = try InputValidation.optionalEmail(input.email)
        let givenName = try InputValidation.optional(input.name, field: "name")
        let contactId = try InputValidation.optional(input.contactId, field: "contact_id")
            .map { try ContactID(parsing: $0, field: "contact_id") }
        if givenEmail == nil, contactId == nil { throw PortalError.invalid("email is required.", field: "email") }
        let defaults = CompanyPermissions.defaults(for: role)
        let permissions = CompanyPermissions(
            canApproveDevelopers: input.canApproveDevelopers ?? defaults.canApproveDevelopers,
            canSignContracts: input.canSignContracts ?? defaults.canSignContracts,
            canManageBilling: input.canManageBilling ?? defaults.canManageBilling)
        let token = OpaqueToken.generate(prefix: "pi_")
        let now = context.now
        let context = context
        return try await context.database.write(principal.scope) { connection in
            try Companies.lock(company, tenant: principal.tenantId, on: connection)
            let target = try Companies.loadVisible(company, by: principal, action: .manageInvitations, on: connection)
            var email = givenEmail
            var name = givenName
            if let contactId {
                let contact = try Self.contact(contactId, company: company, tenant: principal.tenantId, on: connection)
                if email == nil {
                    guard let contactEmail = contact.email else {
                        throw PortalError.invalid("The contact has no email address; give one.", field: "email")
                    }
                    email = try InputValidation.email(contactEmail)
                }
                if name == nil { name = contact.name }
            }
            guard let email else { throw PortalError.invalid("email is required.", field: "email") }
            try Self.requireInvitable(InputValidation.emailKey(email), company: company, tenant: principal.tenantId, at: now, on: connection)
            let invitation = Invitation(
                id: InvitationID.generate(at: now), tenantId: principal.tenantId, companyId: company, email: email, name: name,
                contactId: contactId, role: role, permissions: permissions, invitedBy: principal.userId,
                invitedByLabel: principal.label, status: .pending, expiresAt: now + context.settings.invitationLifetime,
                sentCount: 1, lastSentAt: now, acceptedAt: nil, acceptedUserId: nil, revokedAt: nil, createdAt: now, updatedAt: now)
            try connection.execute(
                """
                INSERT INTO invitations (id, tenant_id, company_id, email, email_key, name, contact_id, role,
                    can_approve_developers, can_sign_contracts, can_manage_billing, token_hash, invited_by, invited_by_label,
                    expires_at, sent_count, last_sent_at, created_at, updated_at)
                VALUES (\(invitation.id), \(principal.tenantId), \(company), \(email), \(InputValidation.emailKey(email)), \(name),
                    \(contactId), \(role.rawValue), \(permissions.canApproveDevelopers), \(permissions.canSignContracts),
                    \(permissions.canManageBilling), \(token.hash), \(invitation.invitedBy), \(invitation.invitedByLabel),
                    \(invitation.expiresAt), 1, \(now), \(now), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "invitation.created", resourceType: "invitation", resourceId: invitation.id.uuidString,
                    companyId: company, before: Invitation?.none, after: invitation),
                by: principal, at: now, on: connection)
            try InvitationEmail.enqueue(invitation, token: token, company: target, context: context, on: connection)
            return IssuedInvitation(
                invitation: invitation, token: token.value,
                acceptURL: InvitationEmail.link(token: token, publicURL: context.settings.publicURL))
        }
    }

    /// The company's invitations, newest first, optionally only those with `status`.
    /// Needs ``AccessAction/readInvitations``.
    public func list(
        company: CompanyID, status: InvitationStatus? = nil, page: PageRequest = .first, by principal: Principal
    ) async throws -> Page<Invitation> {
        let keyset = KeysetPage(sort: ListSort(.createdAt, descending: true), request: page)
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            _ = try Companies.loadVisible(company, by: principal, action: .readInvitations, on: connection)
            var statement: SQLStatement = "SELECT * FROM invitations WHERE tenant_id = \(principal.tenantId) AND company_id = \(company)"
            if let status { statement.append(" AND \(Invitation.condition(status, at: now))") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement)) { try Invitation(row: $0, at: now) }
        }
    }

    /// One invitation, if the principal may read its company's invitations.
    public func get(_ id: InvitationID, by principal: Principal) async throws -> Invitation {
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            try Self.loadAuthorized(id, .readInvitations, by: principal, at: now, on: connection)
        }
    }

    /// Sends a pending or expired invitation again with a new token (the old link stops
    /// working) and a new expiry. Only staff and owners may resend an owner invitation.
    public func resend(_ id: InvitationID, by principal: Principal) async throws -> IssuedInvitation {
        let token = OpaqueToken.generate(prefix: "pi_")
        let now = context.now
        let context = context
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.loadAuthorized(id, .manageInvitations, by: principal, at: now, on: connection)
            guard before.status == .pending || before.status == .expired else {
                throw PortalError.conflict("Only a pending or expired invitation can be resent.", field: "status")
            }
            if before.role == .owner { try Memberships.requireOwnerRights(principal, company: before.companyId) }
            var after = before
            after.status = .pending
            after.expiresAt = now + context.settings.invitationLifetime
            after.sentCount += 1
            after.lastSentAt = now
            after.updatedAt = now
            let changed = try connection.execute(
                """
                UPDATE invitations SET token_hash = \(token.hash), expires_at = \(after.expiresAt), sent_count = \(after.sentCount),
                    last_sent_at = \(now), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id) AND accepted_at IS NULL AND revoked_at IS NULL
                """)
            guard changed == 1 else { throw PortalError.conflict("The invitation changed meanwhile; reload it.", field: "status") }
            try AuditTrail.record(
                try AuditEntry(
                    action: "invitation.resent", resourceType: "invitation", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            let company = try Companies.loadVisible(after.companyId, by: principal, action: .manageInvitations, on: connection)
            try InvitationEmail.enqueue(after, token: token, company: company, context: context, on: connection)
            return IssuedInvitation(
                invitation: after, token: token.value,
                acceptURL: InvitationEmail.link(token: token, publicURL: context.settings.publicURL))
        }
    }

    /// Withdraws a pending invitation: its link stops working. `conflict` for any other status.
    public func revoke(_ id: InvitationID, by principal: Principal) async throws -> Invitation {
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.loadAuthorized(id, .manageInvitations, by: principal, at: now, on: connection)
            guard before.status == .pending else {
                throw PortalError.conflict("Only a pending invitation can be revoked; this one is \(before.status.rawValue).", field: "status")
            }
            var after = before
            after.status = .revoked
            after.revokedAt = now
            after.updatedAt = now
            let changed = try connection.execute(
                """
                UPDATE invitations SET revoked_at = \(now), revoked_by_label = \(principal.label), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id) AND accepted_at IS NULL AND revoked_at IS NULL
                """)
            guard changed == 1 else { throw PortalError.conflict("The invitation changed meanwhile; reload it.", field: "status") }
            try AuditTrail.record(
                try AuditEntry(
                    action: "invitation.revoked", resourceType: "invitation", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    // MARK: Private

    /// Loads an invitation and checks the principal may perform `action` on its company;
    /// invitations of companies hidden from the principal are `not_found`.
    private static func loadAuthorized(
        _ id: InvitationID, _ action: AccessAction, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> Invitation {
        let notFound = PortalError.notFound("No such invitation.")
        guard let row = try connection.queryFirst("SELECT * FROM invitations WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
        else { throw notFound }
        let invitation = try Invitation(row: row, at: now)
        switch AccessPolicy.decide(principal, action, on: .company(invitation.companyId)) {
        case .allow: return invitation
        case .deny: throw PortalError.forbidden("You are not allowed to manage this company's invitations.")
        case .hide: throw notFound
        }
    }

    /// A contact of `company`; `invalid` on `contact_id` otherwise.
    private static func contact(
        _ id: ContactID, company: CompanyID, tenant: TenantID, on connection: any SQLConnection
    ) throws -> Contact {
        guard let row = try connection.queryFirst(
            "SELECT * FROM contacts WHERE tenant_id = \(tenant) AND company_id = \(company) AND id = \(id)")
        else { throw PortalError.invalid("No such contact in this company.", field: "contact_id") }
        return try Contact(row: row)
    }

    /// Throws `conflict` on `email` when the address cannot be invited to the company now: it
    /// belongs to a member, to an account that cannot join companies, or has a pending invitation.
    private static func requireInvitable(
        _ emailKey: String, company: CompanyID, tenant: TenantID, at now: Instant, on connection: any SQLConnection
    ) throws {
        if let user = try Users.find(emailKey: emailKey, tenant: tenant, on: connection) {
            guard Memberships.memberKinds.contains(user.kind) else {
                throw PortalError.conflict("This email belongs to an account that cannot join a company.", field: "email")
            }
            if try connection.queryFirst(
                "SELECT id FROM company_memberships WHERE tenant_id = \(tenant) AND company_id = \(company) AND user_id = \(user.id)"
            ) != nil {
                throw PortalError.conflict("This person is already a member of the company.", field: "email")
            }
        }
        if try connection.queryFirst(
            """
            SELECT id FROM invitations WHERE tenant_id = \(tenant) AND company_id = \(company) AND email_key = \(emailKey)
                AND \(Invitation.condition(.pending, at: now))
            """
        ) != nil {
            throw PortalError.conflict("A pending invitation for this email exists; resend it instead.", field: "email")
        }
    }
}

/// An invitation to send. `email` or `contact_id` is required; the flags default to
/// ``CompanyPermissions/defaults(for:)`` of the role.
public struct NewInvitation: Sendable, Hashable, Codable {
    /// The invitee's address; taken from the contact when absent.
    public var email: String?
    /// The invitee's name, proposed when they accept; taken from the contact when absent.
    public var name: String?
    /// `owner`, `admin`, `billing`, `viewer` or `developer`.
    public var role: String?
    /// A contact of the company the invitation is for; it is linked to the user on acceptance.
    public var contactId: String?
    public var canApproveDevelopers: Bool?
    public var canSignContracts: Bool?
    public var canManageBilling: Bool?

    public init(
        email: String? = nil, name: String? = nil, role: String?, contactId: String? = nil, canApproveDevelopers: Bool? = nil,
        canSignContracts: Bool? = nil, canManageBilling: Bool? = nil
    ) {
        self.email = email
        self.name = name
        self.role = role
        self.contactId = contactId
        self.canApproveDevelopers = canApproveDevelopers
        self.canSignContracts = canSignContracts
        self.canManageBilling = canManageBilling
    }
}

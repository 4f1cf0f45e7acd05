// Previewing and accepting an invitation by the token of its link. No one is signed in: the
// token is the proof, so every unusable token gets the same `not_found`.

extension Invitations {
    /// What the acceptance page shows before the invitee decides. `not_found` for a token that
    /// is unknown, revoked, accepted or expired, with one message for all.
    public func preview(token: String) async throws -> InvitationPreview {
        let invitation = try await usable(token: token, at: context.now)
        return try await context.database.read(.tenant(invitation.tenantId)) { connection in
            let tenant = try Tenants.load(invitation.tenantId, on: connection)
            guard let company = try connection.queryScalar(
                "SELECT name FROM companies WHERE tenant_id = \(invitation.tenantId) AND id = \(invitation.companyId)", as: String.self)
            else { throw Self.unusable }
            let user = try Users.find(emailKey: InputValidation.emailKey(invitation.email), tenant: invitation.tenantId, on: connection)
            return InvitationPreview(
                tenantName: tenant.name, companyName: company, email: invitation.email, name: invitation.name,
                role: invitation.role, expiresAt: invitation.expiresAt, accountExists: user != nil)
        }
    }

    /// Accepts an invitation, once. When the tenant has a user with the invited email, that user
    /// becomes a member (no password needed); otherwise a `client` user (a `developer` for the
    /// developer role) is created with `input`'s name (default: the invitation's) and password
    /// (required). The invitation's contact, if any, is linked to the user.
    ///
    /// Of two concurrent acceptances of one token exactly one succeeds; the other, like any
    /// unusable token, is `not_found`. An email that belongs to a staff or agency account, or to
    /// someone who became a member of the company meanwhile, is a `conflict` on `email`.
    public func accept(
        token: String, _ input: InvitationAcceptance, origin: RequestOrigin = RequestOrigin()
    ) async throws -> AcceptedInvitation {
        let now = context.now
        let invitation = try await usable(token: token, at: now)
        let tenant = invitation.tenantId
        let emailKey = InputValidation.emailKey(invitation.email)
        let existing = try await context.database.read(.tenant(tenant)) { connection in
            try Users.find(emailKey: emailKey, tenant: tenant, on: connection)
        }
        // A new account's name and password are checked, and the password hashed, before the
        // write transaction: hashing is slow on purpose and must not hold locks.
        let newAccount: (name: String, passwordHash: String)?
        if let existing {
            try Self.requireMemberKind(existing)
            newAccount = nil
        } else {
            guard let name = try InputValidation.optional(input.name, field: "name") ?? invitation.name else {
                throw PortalError.invalid("name is required.", field: "name")
            }
            guard let password = input.password, !password.isEmpty else {
                throw PortalError.invalid("password is required.", field: "password")
            }
            try PasswordRules.validate(password)
            newAccount = (name, try await context.passwordHasher.hash(password))
        }
        let tokenHash = OpaqueToken.hash(token)
        return try await context.database.write(.tenant(tenant)) { connection in
            // Claiming the invitation first makes acceptance single-use: a concurrent acceptance
            // waits for this row (PostgreSQL) or for the writer lock (SQLite), then matches nothing.
            let claimed = try connection.execute(
                """
                UPDATE invitations SET accepted_at = \(now), updated_at = \(now)
                WHERE tenant_id = \(tenant) AND id = \(invitation.id) AND token_hash = \(tokenHash)
                    AND \(Invitation.condition(.pending, at: now))
                """)
            guard claimed == 1 else { throw Self.unusable }
            var created = false
            let user: User
            if let found = try Users.find(emailKey: emailKey, tenant: tenant, on: connection) {
                try Self.requireMemberKind(found)
                user = found
            } else {
                guard let newAccount else {
                    throw PortalError.conflict("The account for this email changed meanwhile; try again.", field: "email")
                }
                user = try Users.insert(
                    email: invitation.email, name: newAccount.name, kind: invitation.role == .developer ? .developer : .client,
                    agencyId: nil, passwordHash: newAccount.passwordHash, tenant: tenant, at: now, on: connection)
                created = true
                try AuditTrail.recordAnonymous(
                    try AuditEntry(action: "user.created", resourceType: "user", resourceId: user.id.uuidString, before: User?.none, after: user),
                    tenant: tenant, label: "invitation:\(invitation.id.uuidString)", origin: origin, at: now, on: connection)
            }
            try connection.execute(
                "UPDATE invitations SET accepted_user_id = \(user.id) WHERE tenant_id = \(tenant) AND id = \(invitation.id)")
            let membership: CompanyMembership
            do {
                membership = try Memberships.insert(
                    company: invitation.companyId, user: user.id, role: invitation.role, permissions: invitation.permissions,
                    invitedBy: invitation.invitedBy, tenant: tenant, at: now, on: connection)
            } catch let error as PortalError where error.code == .conflict {
                throw PortalError.conflict("You are already a member of this company.", field: "email")
            }
            // From here on the invitee is a user acting through the invitation flow.
            let principal = Principal(
                tenantId: tenant, actor: .user(id: user.id, kind: user.kind, email: user.email, credential: .flow), origin: origin)
            var accepted = invitation
            accepted.status = .accepted
            accepted.acceptedAt = now
            accepted.acceptedUserId = user.id
            accepted.updatedAt = now
            try AuditTrail.record(
                try AuditEntry(
                    action: "invitation.accepted", resourceType: "invitation", resourceId: invitation.id.uuidString,
                    companyId: invitation.companyId, before: invitation, after: accepted),
                by: principal, at: now, on: connection)
            try AuditTrail.record(Memberships.created(membership), by: principal, at: now, on: connection)
            if let contactId = invitation.contactId {
                try Self.link(contactId, to: user.id, by: principal, at: now, on: connection)
            }
            return AcceptedInvitation(user: user, membership: membership, createdUser: created)
        }
    }

    // MARK: Private

    /// The one answer for every token that cannot be used.
    private static let unusable = PortalError.notFound(
        "This invitation link is not valid. It may have expired, been revoked or been used already.")

    /// The pending invitation with this token, looked up across tenants by the token's hash.
    private func usable(token: String, at now: Instant) async throws -> Invitation {
        guard !token.isEmpty, token.utf8.count <= 512 else { throw Self.unusable }
        let hash = OpaqueToken.hash(token)
        let invitation = try await context.database.read(.allTenants) { connection in
            try connection.queryFirst("SELECT * FROM invitations WHERE token_hash = \(hash)").map { try Invitation(row: $0, at: now) }
        }
        guard let invitation, invitation.status == .pending else { throw Self.unusable }
        return invitation
    }

    private static func requireMemberKind(_ user: User) throws {
        guard Memberships.memberKinds.contains(user.kind) else {
            throw PortalError.conflict("This email belongs to an account that cannot join a company.", field: "email")
        }
    }

    /// Links the invitation's contact to the user, unless it is linked to someone already.
    private static func link(
        _ contactId: ContactID, to user: UserID, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws {
        guard let row = try connection.queryFirst(
            "SELECT * FROM contacts WHERE tenant_id = \(principal.tenantId) AND id = \(contactId)")
        else { return }
        let before = try Contact(row: row)
        guard before.userId == nil else { return }
        var after = before
        after.userId = user
        after.updatedAt = now
        try connection.execute(
            "UPDATE contacts SET user_id = \(user), updated_at = \(now) WHERE tenant_id = \(principal.tenantId) AND id = \(contactId)")
        try AuditTrail.record(
            try AuditEntry(
                action: "contact.updated", resourceType: "contact", resourceId: contactId.uuidString,
                companyId: before.companyId, before: before, after: after),
            by: principal, at: now, on: connection)
    }
}

/// What an invitee sees before accepting.
public struct InvitationPreview: Sendable, Hashable, Codable {
    public var tenantName: String
    public var companyName: String
    public var email: String
    /// The name the inviter gave, proposed for a new account.
    public var name: String?
    public var role: CompanyRole
    public var expiresAt: Instant
    /// Whether a user with this email exists: accepting then links it and asks for no password.
    public var accountExists: Bool

    public init(
        tenantName: String, companyName: String, email: String, name: String?, role: CompanyRole, expiresAt: Instant,
        accountExists: Bool
    ) {
        self.tenantName = tenantName
        self.companyName = companyName
        self.email = email
        self.name = name
        self.role = role
        self.expiresAt = expiresAt
        self.accountExists = accountExists
    }
}

/// The invitee's answer. Both fields matter only when a new account is created. The password
/// never appears in ``description`` or `dump` output.
public struct InvitationAcceptance: Sendable, Hashable, Codable, CustomStringConvertible, CustomReflectable {
    /// The new user's name; the invitation's name when absent.
    public var name: String?
    /// The new user's password (see ``PasswordRules``).
    public var password: String?

    public init(name: String? = nil, password: String? = nil) {
        self.name = name
        self.password = password
    }

    public var description: String { "InvitationAcceptance(name: \(name ?? "nil"), password: \(password == nil ? "nil" : "redacted"))" }
    public var customMirror: Mirror { Mirror(self, children: ["name": name as Any], displayStyle: .struct) }
}

/// The outcome of accepting an invitation.
public struct AcceptedInvitation: Sendable, Hashable {
    /// The user who is now a member, new or existing.
    public var user: User
    public var membership: CompanyMembership
    /// Whether ``user`` was created by this acceptance.
    public var createdUser: Bool

    public init(user: User, membership: CompanyMembership, createdUser: Bool) {
        self.user = user
        self.membership = membership
        self.createdUser = createdUser
    }
}

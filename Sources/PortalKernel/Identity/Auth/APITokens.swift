/// API tokens for integrations and scripts: creating, listing and revoking them.
/// ``Authenticator/authenticate(bearerToken:origin:)`` turns a presented token into a principal.
///
/// A token acts as its user, with that user's rights. Its secret (`pt_` and 43 characters) is
/// returned once by ``create(name:expiresAt:for:by:)``; storage keeps only its SHA-256 and its
/// first 10 characters (``APIToken/prefix``), so lists can show which token is which.
///
/// ```swift
/// let issued = try await APITokens(context: context).create(name: "CI deploys", expiresAt: nil, by: principal)
/// print(issued.secret)   // shown once
/// ```
public struct APITokens: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// What every token secret starts with.
    public static let secretPrefix = "pt_"
    /// How many leading characters of the secret are kept to recognise a token.
    public static let storedPrefixLength = 10

    /// Creates a token for `userId` (by default the principal's own user) that is valid until
    /// `expiresAt`, or until revoked when `nil`.
    ///
    /// Staff may create tokens for any active user of the tenant; others only for themselves.
    /// An operator (CLI) must name the user.
    /// - Throws: `invalid` for a blank name, an expiry in the past or a missing user; `forbidden`
    ///   for another user's token without staff rights; `not_found` for an unknown user;
    ///   `conflict` for a disabled user.
    public func create(name: String?, expiresAt: Instant?, for userId: UserID? = nil, by principal: Principal) async throws -> IssuedAPIToken {
        let name = try InputValidation.required(name, field: "name", maximumLength: 100)
        guard let owner = userId ?? principal.userId else {
            throw PortalError.invalid("Name the user the token acts for.", field: "user_id")
        }
        if owner != principal.userId, !principal.isStaff {
            throw PortalError.forbidden("Only staff may create API tokens for other users.")
        }
        let now = context.now
        if let expiresAt, expiresAt <= now {
            throw PortalError.invalid("expires_at must be in the future.", field: "expires_at")
        }
        let secret = OpaqueToken.generate(prefix: Self.secretPrefix)
        let token = APIToken(
            id: APITokenID.generate(at: now), tenantId: principal.tenantId, userId: owner, name: name,
            prefix: String(secret.value.prefix(Self.storedPrefixLength)), createdAt: now, lastUsedAt: nil,
            expiresAt: expiresAt, revokedAt: nil)
        try await context.database.write(principal.scope) { connection in
            let user = try Users.load(owner, tenant: principal.tenantId, on: connection)
            guard user.status == .active else {
                throw PortalError.conflict("The user is disabled; enable them before creating tokens.", field: "user_id")
            }
            try connection.execute(
                """
                INSERT INTO api_tokens (id, tenant_id, user_id, name, prefix, token_hash, created_at, updated_at, last_used_at,
                    expires_at, revoked_at)
                VALUES (\(token.id), \(token.tenantId), \(owner), \(name), \(token.prefix), \(secret.hash), \(now), \(now), NULL,
                    \(expiresAt), NULL)
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "api_token.created", resourceType: "api_token", resourceId: token.id.uuidString,
                    before: APIToken?.none, after: token),
                by: principal, at: now, on: connection)
        }
        return IssuedAPIToken(token: token, secret: secret.value)
    }

    /// The principal's own tokens, newest first; staff see every token of the tenant, or one
    /// user's with `userId`. Revoked and expired tokens are listed too (see their dates).
    public func list(for userId: UserID? = nil, by principal: Principal, page: PageRequest = .first) async throws -> Page<APIToken> {
        let keyset = KeysetPage(sort: ListSort(.createdAt, descending: true), request: page)
        let owner: UserID?
        if principal.isStaff {
            owner = userId
        } else {
            guard let own = principal.userId, userId == nil || userId == own else {
                throw PortalError.forbidden("Only staff may list other users' API tokens.")
            }
            owner = own
        }
        return try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM api_tokens WHERE tenant_id = \(principal.tenantId)"
            if let owner { statement.append(" AND user_id = \(owner)") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), APIToken.init(row:))
        }
    }

    /// Revokes a token: it stops working at once. Revoking a revoked token changes nothing.
    /// - Throws: `not_found` for an unknown token or another user's token without staff rights.
    @discardableResult
    public func revoke(_ id: APITokenID, by principal: Principal) async throws -> APIToken {
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            guard
                let before = try connection.queryFirst(
                    "SELECT * FROM api_tokens WHERE tenant_id = \(principal.tenantId) AND id = \(id)"
                ).map(APIToken.init(row:)),
                principal.isStaff || before.userId == principal.userId
            else { throw PortalError.notFound("No such API token.") }
            guard before.revokedAt == nil else { return before }
            var after = before
            after.revokedAt = now
            try connection.execute(
                "UPDATE api_tokens SET revoked_at = \(now), updated_at = \(now) WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
            try AuditTrail.record(
                try AuditEntry(action: "api_token.revoked", resourceType: "api_token", resourceId: id.uuidString, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }
}

extension APIToken {
    /// Reads a token from an `api_tokens` row (never the hash).
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), userId: try row.get("user_id"), name: try row.get("name"),
            prefix: try row.get("prefix"), createdAt: try row.get("created_at"), lastUsedAt: try row.get("last_used_at"),
            expiresAt: try row.get("expires_at"), revokedAt: try row.get("revoked_at"))
    }
}

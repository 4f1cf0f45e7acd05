/// Every identity use case, built on one ``IdentityContext``: `portal.identity.companies.list(…)`.
public struct IdentityServices: Sendable {
    public let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    public var tenants: Tenants { Tenants(context: context) }
    public var users: Users { Users(context: context) }
    public var agencies: Agencies { Agencies(context: context) }
    public var companies: Companies { Companies(context: context) }
    public var contacts: Contacts { Contacts(context: context) }
    public var memberships: Memberships { Memberships(context: context) }
    public var invitations: Invitations { Invitations(context: context) }
    public var authenticator: Authenticator { Authenticator(context: context) }
    public var twoFactor: TwoFactor { TwoFactor(context: context) }
    public var apiTokens: APITokens { APITokens(context: context) }
    public var auditLog: AuditLog { AuditLog(database: context.database) }
}

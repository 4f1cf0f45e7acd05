/// Marks identifiers of users: people who sign in (staff, client users, developers).
public enum UserTag: IdentifierTag { public static let entityName = "user" }
/// Identifies a user.
public typealias UserID = Identifier<UserTag>

/// Marks identifiers of client companies.
public enum CompanyTag: IdentifierTag { public static let entityName = "company" }
/// Identifies a client company.
public typealias CompanyID = Identifier<CompanyTag>

/// Marks identifiers of contacts.
public enum ContactTag: IdentifierTag { public static let entityName = "contact" }
/// Identifies a contact (a person on the client side).
public typealias ContactID = Identifier<ContactTag>

/// Marks identifiers of company memberships.
public enum MembershipTag: IdentifierTag { public static let entityName = "membership" }
/// Identifies one user's membership of one company.
public typealias MembershipID = Identifier<MembershipTag>

/// Marks identifiers of invitations.
public enum InvitationTag: IdentifierTag { public static let entityName = "invitation" }
/// Identifies an invitation to become a company user.
public typealias InvitationID = Identifier<InvitationTag>

/// Marks identifiers of agencies (the firms developers work for).
public enum AgencyTag: IdentifierTag { public static let entityName = "agency" }
/// Identifies an agency.
public typealias AgencyID = Identifier<AgencyTag>

/// Marks identifiers of API tokens.
public enum APITokenTag: IdentifierTag { public static let entityName = "api_token" }
/// Identifies an API token.
public typealias APITokenID = Identifier<APITokenTag>

/// Marks identifiers of sign-in sessions.
public enum SessionTag: IdentifierTag { public static let entityName = "session" }
/// Identifies a sign-in session.
public typealias SessionID = Identifier<SessionTag>

/// Marks identifiers of audit events.
public enum AuditEventTag: IdentifierTag { public static let entityName = "audit_event" }
/// Identifies an audit event.
public typealias AuditEventID = Identifier<AuditEventTag>

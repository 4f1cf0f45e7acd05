/// The people on the client side of each company.
public struct Contacts: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Adds a contact to a company (staff, or the company's owners and admins).
    public func add(_ input: ContactInput, to company: CompanyID, by principal: Principal) async throws -> Contact {
        let fields = try ContactFields(validating: input, requireName: true)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            _ = try Companies.loadVisible(company, by: principal, action: .manageContacts, on: connection)
            let contact = fields.apply(to: Contact(
                id: ContactID.generate(at: now), tenantId: principal.tenantId, companyId: company, name: "", email: nil,
                phone: nil, title: nil, userId: nil, createdAt: now, updatedAt: now))
            try connection.execute(
                """
                INSERT INTO contacts (id, tenant_id, company_id, name, email, phone, title, created_at, updated_at)
                VALUES (\(contact.id), \(principal.tenantId), \(company), \(contact.name), \(contact.email), \(contact.phone),
                    \(contact.title), \(now), \(now))
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contact.created", resourceType: "contact", resourceId: contact.id.uuidString, companyId: company,
                    before: Contact?.none, after: contact),
                by: principal, at: now, on: connection)
            return contact
        }
    }

    /// One contact, if the principal may read its company's contacts.
    public func get(_ id: ContactID, by principal: Principal) async throws -> Contact {
        try await context.database.read(principal.scope) { connection in
            try Self.loadVisible(id, by: principal, action: .readContacts, on: connection)
        }
    }

    /// Contacts of one company, or of every company the principal may read contacts of.
    public func list(
        _ options: ContactListOptions, company: CompanyID?, page: PageRequest, by principal: Principal
    ) async throws -> Page<Contact> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable: Set<CompanyID>? = company.map { [$0] } ?? AccessPolicy.companies(principal, allowing: .readContacts)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        return try await context.database.read(principal.scope) { connection in
            if let company { _ = try Companies.loadVisible(company, by: principal, action: .readContacts, on: connection) }
            var statement: SQLStatement = "SELECT * FROM contacts WHERE tenant_id = \(principal.tenantId)"
            if let reachable { statement.append(" AND company_id IN (\(list: Array(reachable)))") }
            if let since = options.updatedSince { statement.append(" AND updated_at >= \(since)") }
            if let search = options.search {
                statement.append(" AND (\(SQLSearch.contains("name", search)) OR \(SQLSearch.contains("coalesce(email, '')", search)))")
            }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), Contact.init(row:))
        }
    }

    /// Changes a contact (staff, or its company's owners and admins).
    public func update(_ id: ContactID, _ input: ContactInput, by principal: Principal) async throws -> Contact {
        let fields = try ContactFields(validating: input, requireName: false)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.loadVisible(id, by: principal, action: .manageContacts, on: connection)
            var after = fields.apply(to: before)
            guard after != before else { return before }
            after.updatedAt = now
            try connection.execute(
                """
                UPDATE contacts SET name = \(after.name), email = \(after.email), phone = \(after.phone), title = \(after.title),
                    updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id)
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contact.updated", resourceType: "contact", resourceId: id.uuidString, companyId: after.companyId,
                    before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Removes a contact. Invitations made for it keep their email but lose the link.
    public func remove(_ id: ContactID, by principal: Principal) async throws {
        let now = context.now
        try await context.database.write(principal.scope) { connection in
            let contact = try Self.loadVisible(id, by: principal, action: .manageContacts, on: connection)
            try connection.execute(
                "UPDATE invitations SET contact_id = NULL WHERE tenant_id = \(principal.tenantId) AND contact_id = \(id)")
            try connection.execute("DELETE FROM contacts WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
            try AuditTrail.record(
                try AuditEntry(
                    action: "contact.removed", resourceType: "contact", resourceId: id.uuidString, companyId: contact.companyId,
                    before: contact, after: Contact?.none),
                by: principal, at: now, on: connection)
        }
    }

    /// A contact named in another record's input (`contact_id`): as ``loadVisible(_:by:action:on:)``
    /// with `readContacts`, but a contact that does not exist is `invalid` input naming `field`.
    static func loadReferenced(
        _ id: ContactID, by principal: Principal, field: String = "contact_id", on connection: any SQLConnection
    ) throws -> Contact {
        do {
            return try loadVisible(id, by: principal, action: .readContacts, on: connection)
        } catch let error as PortalError where error.code == .notFound {
            throw PortalError.invalid("No such contact.", field: field)
        }
    }

    /// Loads a contact whose company allows `action` to the principal; otherwise `not_found`
    /// (or `forbidden` when the company is visible but the action is not allowed).
    static func loadVisible(
        _ id: ContactID, by principal: Principal, action: AccessAction, on connection: any SQLConnection
    ) throws -> Contact {
        guard let row = try connection.queryFirst("SELECT * FROM contacts WHERE tenant_id = \(principal.tenantId) AND id = \(id)") else {
            throw PortalError.notFound("No such contact.")
        }
        let contact = try Contact(row: row)
        switch AccessPolicy.decide(principal, action, on: .company(contact.companyId)) {
        case .allow: return contact
        case .deny:
            if AccessPolicy.allows(principal, .readContacts, on: .company(contact.companyId)) {
                throw PortalError.forbidden("You are not allowed to do this.")
            }
            throw PortalError.notFound("No such contact.")
        case .hide: throw PortalError.notFound("No such contact.")
        }
    }
}

/// A contact's fields; on create `name` is required. On update absent fields stay as they are
/// and empty text clears an optional field.
public struct ContactInput: Sendable, Codable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var title: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, title: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.title = title
    }
}

/// Filters and order of a contact list.
public struct ContactListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt, .name]

    public var sort: ListSort
    public var updatedSince: Instant?
    /// Part of the name or email, case-insensitive.
    public var search: String?

    public init(sort: ListSort = ListSort(.createdAt), updatedSince: Instant? = nil, search: String? = nil) {
        self.sort = sort
        self.updatedSince = updatedSince
        self.search = search
    }
}

/// A validated ``ContactInput``.
struct ContactFields: Sendable {
    var name: String?
    var email: String??
    var phone: String??
    var title: String??

    init(validating input: ContactInput, requireName: Bool) throws {
        if requireName || input.name != nil { name = try InputValidation.required(input.name, field: "name") }
        if let value = input.email { email = .some(try InputValidation.optionalEmail(value)) }
        if let value = input.phone { phone = .some(try InputValidation.optionalPhone(value)) }
        if let value = input.title { title = .some(try InputValidation.optional(value, field: "title", maximumLength: 100)) }
    }

    func apply(to contact: Contact) -> Contact {
        var contact = contact
        if let name { contact.name = name }
        if let email { contact.email = email }
        if let phone { contact.phone = phone }
        if let title { contact.title = title }
        return contact
    }
}

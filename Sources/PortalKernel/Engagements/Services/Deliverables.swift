/// Deliverables: what the business delivers to a client contact, with live status.
///
/// Staff create and update them; company users who may read the company read them. Every change
/// is audited; completing or blocking one records a notification event (`deliverable_completed`,
/// `deliverable_blocked`). Starting work on a deliverable of an approved proposal makes the
/// proposal `active`. A proposal's deliverables change only while it is `approved` or `active`:
/// before, the client has not agreed to the plan (approval creates them); after, it is closed.
public struct Deliverables: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates a deliverable for a contact, optionally within a proposal and milestone. Staff only.
    public func create(_ input: NewDeliverable, by principal: Principal) async throws -> Deliverable {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let title = try InputValidation.required(input.title, field: "title")
        let description = try InputValidation.optional(input.description, field: "description", maximumLength: 4_000)
        let category = try InputValidation.optional(input.category, field: "category", maximumLength: 100)
        let notes = try InputValidation.optional(input.notes, field: "notes", maximumLength: 4_000)
        let status = input.status ?? .pending
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let contact = try Contacts.loadReferenced(input.contactId, by: principal, on: connection)
            if input.milestoneId != nil, input.proposalId == nil {
                throw PortalError.invalid("A milestone needs its proposal.", field: "proposal_id")
            }
            var position = 0
            if let proposalId = input.proposalId {
                let proposal = try Self.proposal(proposalId, of: contact.companyId, tenant: principal.tenantId, on: connection)
                try Self.requireOpen(proposal.status, field: "proposal_id")
                if let milestone = input.milestoneId {
                    guard proposal.milestones.contains(where: { $0.id == milestone }) else {
                        throw PortalError.invalid("The milestone is not part of the proposal.", field: "milestone_id")
                    }
                }
                position = (try connection.queryScalar(
                    "SELECT MAX(position) FROM deliverables WHERE tenant_id = \(principal.tenantId) AND proposal_id = \(proposalId)",
                    as: Int?.self) ?? nil).map { $0 + 1 } ?? proposal.milestones.count
            }
            guard status != .blocked || notes != nil else {
                throw PortalError.invalid("Say why the deliverable is blocked.", field: "notes")
            }
            let deliverable = Deliverable(
                id: DeliverableID.generate(at: now), tenantId: principal.tenantId, companyId: contact.companyId,
                contactId: contact.id, proposalId: input.proposalId, milestoneId: input.milestoneId, title: title,
                description: description, category: category, status: status, notes: notes, dueDate: input.dueDate,
                completedAt: status == .completed ? now : nil, overdue: false, createdAt: now, updatedAt: now)
            try DeliverableStore.insert(deliverable, position: position, on: connection)
            try Self.audit("deliverable.created", before: nil, after: deliverable, by: principal, at: now, on: connection)
            try Self.statusChanged(from: nil, to: deliverable, by: principal, at: now, on: connection)
            return try Self.withOverdue(deliverable, on: connection, at: now)
        }
    }

    /// One deliverable the principal may read.
    public func get(_ id: DeliverableID, by principal: Principal) async throws -> Deliverable {
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            let today = try Tenants.load(principal.tenantId, on: connection).timeZone.localDate(of: now)
            return try DeliverableStore.loadVisible(id, by: principal, action: .readCompany, today: today, on: connection)
        }
    }

    /// Deliverables the principal may read, oldest first by default, filtered by company, contact,
    /// proposal and status.
    public func list(
        _ options: DeliverableListOptions, page: PageRequest, by principal: Principal
    ) async throws -> Page<Deliverable> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable = AccessPolicy.companies(principal, allowing: .readCompany)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            let today = try Tenants.load(principal.tenantId, on: connection).timeZone.localDate(of: now)
            var statement: SQLStatement = "SELECT * FROM deliverables WHERE tenant_id = \(principal.tenantId)"
            if let reachable { statement.append(" AND company_id IN (\(list: Array(reachable)))") }
            if let company = options.companyId { statement.append(" AND company_id = \(company)") }
            if let contact = options.contactId { statement.append(" AND contact_id = \(contact)") }
            if let proposal = options.proposalId { statement.append(" AND proposal_id = \(proposal)") }
            if let status = options.status { statement.append(" AND status = \(status.rawValue)") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement)) { try DeliverableStore.deliverable($0, today: today) }
        }
    }

    /// Changes a deliverable. The kernel sets `completed_at` on completion and clears it when a
    /// deliverable is reopened. Staff only.
    /// - Throws: `conflict` (field `status`) for a step ``DeliverableStatus`` does not allow;
    ///   `invalid` (field `notes`) when it would be blocked without notes.
    public func update(_ id: DeliverableID, _ input: DeliverableUpdate, by principal: Principal) async throws -> Deliverable {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let title = try input.title.map { try InputValidation.required($0, field: "title") }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let today = try Tenants.load(principal.tenantId, on: connection).timeZone.localDate(of: now)
            // The proposal is locked before the deliverable, in the order closing a proposal takes them.
            if let proposalId = try connection.queryScalar(
                "SELECT proposal_id FROM deliverables WHERE tenant_id = \(principal.tenantId) AND id = \(id)", as: ProposalID?.self
            ) ?? nil {
                try Self.requireOpen(
                    try Self.lockedStatus(of: proposalId, tenant: principal.tenantId, on: connection), field: "status")
            }
            let before = try DeliverableStore.load(id, tenant: principal.tenantId, today: today, on: connection, forUpdate: true)
            var after = before
            if let title { after.title = title }
            if input.description != nil {
                after.description = try InputValidation.optional(input.description, field: "description", maximumLength: 4_000)
            }
            if input.category != nil {
                after.category = try InputValidation.optional(input.category, field: "category", maximumLength: 100)
            }
            if input.notes != nil { after.notes = try InputValidation.optional(input.notes, field: "notes", maximumLength: 4_000) }
            if let dueDate = input.dueDate { after.dueDate = dueDate }
            if let status = input.status, status != before.status {
                guard before.status.canMove(to: status) else {
                    throw PortalError.conflict(
                        "A \(before.status.rawValue) deliverable cannot become \(status.rawValue).", field: "status")
                }
                after.status = status
                after.completedAt = status == .completed ? now : nil
            }
            guard after.status != .blocked || after.notes != nil else {
                throw PortalError.invalid("Say why the deliverable is blocked.", field: "notes")
            }
            guard after != before else { return before }
            after.updatedAt = now
            try DeliverableStore.update(after, on: connection)
            let action = after.status != before.status ? "deliverable.status_changed" : "deliverable.updated"
            try Self.audit(action, before: before, after: after, by: principal, at: now, on: connection)
            if after.status != before.status {
                try Self.statusChanged(from: before, to: after, by: principal, at: now, on: connection)
            }
            after.overdue = DeliverableStore.isOverdue(status: after.status, dueDate: after.dueDate, today: today)
            return after
        }
    }

    // MARK: Shared

    static func audit(
        _ action: String, before: Deliverable?, after: Deliverable, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws {
        try AuditTrail.record(
            try AuditEntry(
                action: action, resourceType: "deliverable", resourceId: after.id.uuidString, companyId: after.companyId,
                before: before, after: after),
            by: principal, at: now, on: connection)
    }

    /// Notifies completion and blocking, and starts an approved proposal when work starts.
    private static func statusChanged(
        from before: Deliverable?, to after: Deliverable, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws {
        if after.status == .completed || after.status == .blocked {
            struct Payload: Encodable {
                let deliverableId: DeliverableID
                let title: String
                let status: DeliverableStatus
                let notes: String?
                let contactId: ContactID
                let proposalId: ProposalID?
            }
            let kind = after.status == .completed ? "deliverable_completed" : "deliverable_blocked"
            try NotificationEvents.record(
                kind: kind, tenant: after.tenantId, companyId: after.companyId, subjectType: "deliverable",
                subjectId: after.id.uuidString,
                payload: Payload(
                    deliverableId: after.id, title: after.title, status: after.status, notes: after.notes,
                    contactId: after.contactId, proposalId: after.proposalId),
                dedupeKey: "\(kind):\(after.id.uuidString):\(now.iso8601)", at: now, on: connection)
        }
        guard after.status == .inProgress || after.status == .completed, let proposalId = after.proposalId else { return }
        let proposal = try ProposalStore.load(proposalId, tenant: after.tenantId, on: connection, forUpdate: true)
        guard proposal.status == .approved else { return }
        var started = proposal
        started.status = .active
        started.updatedAt = now
        try ProposalStore.update(started, on: connection)
        try Proposals.audit("proposal.status_changed", before: proposal, after: started, by: principal, at: now, on: connection)
    }

    /// Throws `conflict` naming `field` unless a proposal in `status` takes deliverable changes.
    private static func requireOpen(_ status: ProposalStatus, field: String) throws {
        guard status == .approved || status == .active else {
            throw PortalError.conflict(
                "A \(status.rawValue) proposal's deliverables cannot change; they do while it is approved or active.",
                field: field)
        }
    }

    private static func lockedStatus(
        of id: ProposalID, tenant: TenantID, on connection: any SQLConnection
    ) throws -> ProposalStatus {
        guard let row = try connection.queryFirst(
            "SELECT status FROM proposals WHERE tenant_id = \(tenant) AND id = \(id)\(connection.dialect.rowLockClause)")
        else { throw PortalError.notFound("No such proposal.") }
        return try row.enumeration("status")
    }

    private static func proposal(
        _ id: ProposalID, of company: CompanyID, tenant: TenantID, on connection: any SQLConnection
    ) throws -> Proposal {
        let proposal: Proposal
        do {
            proposal = try ProposalStore.load(id, tenant: tenant, on: connection)
        } catch let error as PortalError where error.code == .notFound {
            throw PortalError.invalid("No such proposal.", field: "proposal_id")
        }
        guard proposal.companyId == company else {
            throw PortalError.invalid("The proposal must be for the contact's company.", field: "proposal_id")
        }
        return proposal
    }

    private static func withOverdue(_ deliverable: Deliverable, on connection: any SQLConnection, at now: Instant) throws -> Deliverable {
        let today = try Tenants.load(deliverable.tenantId, on: connection).timeZone.localDate(of: now)
        var result = deliverable
        result.overdue = DeliverableStore.isOverdue(status: deliverable.status, dueDate: deliverable.dueDate, today: today)
        return result
    }
}

/// The client portal's view of an engagement (``EngagementPortalView``) and its "pay now".
///
/// The company's own users and the tenant's staff may read a view; anyone else (another
/// company's users, an agency's admin) gets `not_found`, as for an engagement that does not
/// exist. Clients never see a draft. What a reader may not see elsewhere is left out here too:
/// the payments without the right to read the company's billing, the contact's email without the
/// right to read its contacts. A shared link (``PortalLinks``) reads the same view without
/// signing in, less the contact's email.
///
/// A view costs five queries whatever its size: the engagement with its client, company, tenant
/// and contract; its phases; its milestones; its deliverables; and its payment schedule with the
/// invoices. Nothing is read per row.
public struct EngagementPortal: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// The engagement (a proposal) as the client sees it.
    public func view(_ id: ProposalID, by principal: Principal) async throws -> EngagementPortalView {
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            try Self.view(id, tenant: principal.tenantId, at: now, on: connection) { companyId, status in
                try ProposalStore.checkVisible(companyId: companyId, status: status, by: principal)
                return Audience(
                    seesDrafts: principal.isStaff,
                    seesBilling: AccessPolicy.allows(principal, .readBilling, on: .company(companyId)),
                    seesContactDetails: AccessPolicy.allows(principal, .readContacts, on: .company(companyId)))
            }
        }
    }

    /// "Pay now" on one payment-schedule item: invoices it first when it is still pending (dated
    /// today, through the billing engine), then starts a payment of the invoice through `gateway`,
    /// or the tenant's configured gateway for the company's country when absent.
    ///
    /// Paying an invoiced item needs the right to read the company's billing; having a pending one
    /// invoiced early needs the right to manage it (owners and billing users, not viewers).
    public func payNow(
        _ paymentId: ProposalPaymentID, of id: ProposalID, gateway: String? = nil, by principal: Principal
    ) async throws -> PaymentStart {
        let context = self.context
        let now = context.now
        // One transaction with the item locked: a billing run invoicing it meanwhile is simply
        // followed, never reported as a conflict.
        let invoiceId = try await context.database.write(principal.scope) { connection -> InvoiceID in
            let proposal = try ProposalStore.loadVisible(id, by: principal, action: .readBilling, on: connection)
            guard let row = try connection.queryFirst(
                """
                SELECT * FROM proposal_payments WHERE tenant_id = \(principal.tenantId) AND proposal_id = \(id)
                    AND id = \(paymentId)\(connection.dialect.rowLockClause)
                """)
            else { throw PortalError.notFound("No such scheduled payment.", field: "payment_id") }
            let item = try ProposalStore.payment(row, currency: proposal.currency)
            switch (item.status, item.invoiceId) {
            case (.paid, _):
                throw PortalError.conflict("This payment is already paid.", field: "payment_id")
            case (_, let invoice?):
                return invoice
            case (_, nil):
                try AccessPolicy.authorize(principal, .manageBilling, on: .company(proposal.companyId))
                return try ProposalSchedule.billToday(paymentId, context: context, by: principal, at: now, on: connection).id
            }
        }
        return try await PaymentMethods(context: context).start(for: invoiceId, gateway: gateway, by: principal)
    }

    /// What the reader of a view may see.
    struct Audience {
        /// Whether a draft contract is shown (staff only).
        var seesDrafts: Bool
        /// Whether the payment schedule and its invoices are shown.
        var seesBilling: Bool
        /// Whether the contact's email is shown.
        var seesContactDetails: Bool

        /// The holder of a shared link: no drafts, the payments, not the contact's email.
        static let sharedLink = Audience(seesDrafts: false, seesBilling: true, seesContactDetails: false)
    }

    // MARK: Building the view

    /// Builds the view in at most five queries. `audience` is handed the engagement's company and
    /// status before anything else is read; it throws to refuse, or says what the reader may see.
    static func view(
        _ id: ProposalID, tenant: TenantID, at now: Instant, on connection: any SQLConnection,
        audience: (CompanyID, ProposalStatus) throws -> Audience
    ) throws -> EngagementPortalView {
        guard let row = try connection.queryFirst(
            """
            SELECT p.*, co.name AS company_name, ct.name AS contact_name, ct.email AS contact_email,
                t.time_zone AS tenant_time_zone, k.id AS contract_ref, k.title AS contract_title,
                k.status AS contract_status, k.signed_at AS contract_signed_at
            FROM proposals p
            JOIN companies co ON co.tenant_id = p.tenant_id AND co.id = p.company_id
            JOIN contacts ct ON ct.tenant_id = p.tenant_id AND ct.id = p.contact_id
            JOIN tenants t ON t.id = p.tenant_id
            LEFT JOIN contracts k ON k.tenant_id = p.tenant_id AND k.id = COALESCE(p.contract_id, co.current_contract_id)
            WHERE p.tenant_id = \(tenant) AND p.id = \(id)
            """)
        else { throw PortalError.notFound("No such proposal.") }
        let proposal = try ProposalStore.header(row)
        let audience = try audience(proposal.companyId, proposal.status)
        let timeZone = try TenantTimeZone(try row.get("tenant_time_zone", as: String.self))
        let today = timeZone.localDate(of: now)

        let phases = try ProposalStore.phases(of: id, tenant: tenant, on: connection)
        let milestones = try ProposalStore.milestones(of: id, tenant: tenant, on: connection)
        let deliverables = try connection.query(
            "SELECT * FROM deliverables WHERE tenant_id = \(tenant) AND proposal_id = \(id) ORDER BY position, created_at, id"
        ).map { try DeliverableStore.deliverable($0, today: today) }
        let payments = !audience.seesBilling ? [] : try connection.query(
            """
            SELECT i.*, v.number AS invoice_number, v.status AS invoice_status, v.currency AS invoice_currency,
                v.total AS invoice_total, v.amount_due AS invoice_amount_due, v.due_date AS invoice_due_date
            FROM proposal_payments i
            LEFT JOIN invoices v ON v.tenant_id = i.tenant_id AND v.id = i.invoice_id
            WHERE i.tenant_id = \(tenant) AND i.proposal_id = \(id)
            ORDER BY i.position
            """
        ).map { try payment($0, currency: proposal.currency) }

        var contract: EngagementPortalView.ContractSummary?
        if let contractId: ContractID = try row.get("contract_ref") {
            let status: ContractStatus = try row.enumeration("contract_status")
            if status != .draft || audience.seesDrafts {
                contract = EngagementPortalView.ContractSummary(
                    id: contractId, title: try row.get("contract_title"), status: status,
                    signedDate: try row.get("contract_signed_at", as: Instant?.self).map { timeZone.localDate(of: $0) })
            }
        }
        let client = EngagementPortalView.Client(
            name: try row.get("contact_name"), contactId: proposal.contactId,
            contactEmail: audience.seesContactDetails ? try row.get("contact_email") : nil,
            company: try row.get("company_name"), companyId: proposal.companyId)
        return EngagementPortalSummary(
            proposal: proposal, phases: phases, milestones: milestones, deliverables: deliverables, payments: payments
        ).view(client: client, contract: contract, today: today)
    }

    private static func payment(_ row: SQLRow, currency: Currency) throws -> EngagementPortalView.PaymentSummary {
        let item = try ProposalStore.payment(row, currency: currency)
        var invoice: EngagementPortalView.InvoiceLink?
        if let invoiceId = item.invoiceId {
            let invoiceCurrency: Currency = try row.get("invoice_currency")
            invoice = EngagementPortalView.InvoiceLink(
                id: invoiceId, number: try row.get("invoice_number"), status: try row.enumeration("invoice_status"),
                total: try row.money("invoice_total", invoiceCurrency),
                amountDue: try row.money("invoice_amount_due", invoiceCurrency), dueDate: try row.get("invoice_due_date"),
                url: "/api/v1/invoices/\(invoiceId.uuidString)", pdfUrl: "/api/v1/invoices/\(invoiceId.uuidString)/pdf")
        }
        return EngagementPortalView.PaymentSummary(
            id: item.id, description: item.description, amount: item.amount, dueDate: item.dueDate, status: item.status,
            invoice: invoice)
    }
}

extension PortalSchema {
    /// Engagements: contract documents and signatures, proposals with phases, milestones and a
    /// payment schedule, deliverables, and shareable read-only links to the client portal view.
    ///
    /// Every new table is tenant-owned and under row-level security on PostgreSQL. Contracts gain
    /// the frozen document's hash and the dates of sending and signing; a company gains the
    /// contract that currently governs it.
    static let engagements = Migration(
        id: "0007_engagements", postgresText: engagementTablesText, postgresOnly: rowLevelSecurity(engagementTables))

    /// The tables ``engagements`` creates, in creation order.
    static let engagementTables = [
        "contract_documents", "contract_signatures", "proposals", "proposal_phases", "proposal_milestones",
        "proposal_payments", "deliverables", "portal_links",
    ]

    private static let engagementTablesText = """
        ALTER TABLE contracts ADD COLUMN document_version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE contracts ADD COLUMN document_sha256 TEXT;
        ALTER TABLE contracts ADD COLUMN sent_at TIMESTAMPTZ;
        ALTER TABLE contracts ADD COLUMN signed_at TIMESTAMPTZ;
        ALTER TABLE contracts ADD COLUMN countersigned_at TIMESTAMPTZ;
        ALTER TABLE companies ADD COLUMN current_contract_id UUID REFERENCES contracts (id);

        CREATE TABLE contract_documents (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            contract_id UUID NOT NULL REFERENCES contracts (id),
            version INTEGER NOT NULL CHECK (version >= 1),
            body TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            UNIQUE (contract_id, version)
        );

        CREATE TABLE contract_signatures (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            contract_id UUID NOT NULL REFERENCES contracts (id),
            document_id UUID NOT NULL REFERENCES contract_documents (id),
            party TEXT NOT NULL CHECK (party IN ('client', 'provider')),
            user_id UUID REFERENCES users (id),
            signer_label TEXT NOT NULL,
            full_name TEXT NOT NULL,
            email TEXT,
            document_sha256 TEXT NOT NULL,
            client_address TEXT,
            user_agent TEXT,
            signed_at TIMESTAMPTZ NOT NULL,
            UNIQUE (contract_id, party)
        );

        CREATE TABLE proposals (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            contact_id UUID NOT NULL REFERENCES contacts (id),
            contract_id UUID REFERENCES contracts (id),
            title TEXT NOT NULL,
            purpose TEXT NOT NULL,
            currency TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'approved', 'active', 'completed')),
            sent_at TIMESTAMPTZ,
            approved_at TIMESTAMPTZ,
            approved_by TEXT,
            completed_at TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX proposals_company ON proposals (tenant_id, company_id, updated_at, id);
        CREATE INDEX proposals_tenant_updated ON proposals (tenant_id, updated_at, id);

        CREATE TABLE proposal_phases (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            proposal_id UUID NOT NULL REFERENCES proposals (id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            UNIQUE (proposal_id, position)
        );

        CREATE TABLE proposal_milestones (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            proposal_id UUID NOT NULL REFERENCES proposals (id),
            phase_id UUID REFERENCES proposal_phases (id),
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            due_date DATE NOT NULL,
            UNIQUE (proposal_id, position)
        );

        CREATE TABLE proposal_payments (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            proposal_id UUID NOT NULL REFERENCES proposals (id),
            position INTEGER NOT NULL,
            description TEXT NOT NULL,
            amount BIGINT NOT NULL CHECK (amount > 0),
            due_date DATE NOT NULL,
            tax_code TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'invoiced', 'paid', 'overdue')),
            invoice_id UUID REFERENCES invoices (id),
            invoice_count INTEGER NOT NULL DEFAULT 0,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (proposal_id, position),
            CHECK ((status = 'pending') = (invoice_id IS NULL))
        );
        CREATE INDEX proposal_payments_due ON proposal_payments (tenant_id, status, due_date);
        CREATE UNIQUE INDEX proposal_payments_invoice ON proposal_payments (tenant_id, invoice_id);

        CREATE TABLE deliverables (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            contact_id UUID NOT NULL REFERENCES contacts (id),
            proposal_id UUID REFERENCES proposals (id),
            milestone_id UUID REFERENCES proposal_milestones (id),
            title TEXT NOT NULL,
            description TEXT,
            category TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'blocked')),
            notes TEXT,
            due_date DATE,
            completed_at TIMESTAMPTZ,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            CHECK (status <> 'blocked' OR notes IS NOT NULL),
            CHECK ((status = 'completed') = (completed_at IS NOT NULL))
        );
        CREATE INDEX deliverables_company ON deliverables (tenant_id, company_id, updated_at, id);
        CREATE INDEX deliverables_proposal ON deliverables (tenant_id, proposal_id, position);
        CREATE INDEX deliverables_contact ON deliverables (tenant_id, contact_id);
        CREATE INDEX deliverables_tenant_updated ON deliverables (tenant_id, updated_at, id);

        CREATE TABLE portal_links (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            proposal_id UUID NOT NULL REFERENCES proposals (id),
            sealed_key TEXT NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ,
            revoked_by TEXT,
            created_by TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX portal_links_proposal ON portal_links (tenant_id, proposal_id, created_at);
        """
}

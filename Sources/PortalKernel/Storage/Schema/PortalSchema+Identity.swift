import Foundation

extension PortalSchema {
    /// Tenants, users, client companies, contacts, memberships, invitations, sessions, API
    /// tokens, two-factor recovery codes, password resets, login throttling and the audit trail.
    ///
    /// Every tenant-owned table carries `tenant_id`; ``tenantIsolation`` adds PostgreSQL's
    /// row-level security on top of the kernel's own filters.
    static let identity = Migration(id: "0003_identity", postgresText: """
        CREATE TABLE tenants (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL CHECK (tenant_id = id),
            name TEXT NOT NULL,
            slug TEXT NOT NULL UNIQUE,
            default_currency TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            billing_days TEXT NOT NULL,
            invoice_prefix TEXT NOT NULL,
            account_prefix TEXT NOT NULL,
            require_two_factor_staff BOOLEAN NOT NULL DEFAULT FALSE,
            require_two_factor_owners BOOLEAN NOT NULL DEFAULT FALSE,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );

        CREATE TABLE agencies (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            name TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, name)
        );

        CREATE TABLE users (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            email TEXT NOT NULL,
            email_key TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('staff', 'client', 'developer', 'agency_admin')),
            agency_id UUID REFERENCES agencies (id),
            status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
            password_hash TEXT,
            password_changed_at TIMESTAMPTZ,
            totp_secret TEXT,
            totp_pending_secret TEXT,
            totp_enabled_at TIMESTAMPTZ,
            last_login_at TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, email_key)
        );
        CREATE INDEX users_tenant_updated ON users (tenant_id, updated_at, id);

        CREATE TABLE companies (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            account_number TEXT NOT NULL,
            name TEXT NOT NULL,
            industry TEXT,
            size TEXT,
            website TEXT,
            logo_url TEXT,
            billing_address TEXT,
            tax_id TEXT,
            billing_email TEXT,
            status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
            company_type TEXT NOT NULL,
            discount_ppm BIGINT NOT NULL DEFAULT 0 CHECK (discount_ppm >= 0 AND discount_ppm <= 1000000),
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, account_number)
        );
        CREATE INDEX companies_tenant_updated ON companies (tenant_id, updated_at, id);
        CREATE INDEX companies_tenant_name ON companies (tenant_id, name, id);

        CREATE TABLE contacts (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            name TEXT NOT NULL,
            email TEXT,
            phone TEXT,
            title TEXT,
            user_id UUID REFERENCES users (id),
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX contacts_company ON contacts (tenant_id, company_id, updated_at, id);
        CREATE INDEX contacts_tenant_updated ON contacts (tenant_id, updated_at, id);

        CREATE TABLE company_memberships (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            user_id UUID NOT NULL REFERENCES users (id),
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'billing', 'viewer', 'developer')),
            can_approve_developers BOOLEAN NOT NULL DEFAULT FALSE,
            can_sign_contracts BOOLEAN NOT NULL DEFAULT FALSE,
            can_manage_billing BOOLEAN NOT NULL DEFAULT FALSE,
            invited_by UUID REFERENCES users (id),
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (company_id, user_id)
        );
        CREATE INDEX company_memberships_user ON company_memberships (tenant_id, user_id);

        CREATE TABLE invitations (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            email TEXT NOT NULL,
            email_key TEXT NOT NULL,
            name TEXT,
            contact_id UUID REFERENCES contacts (id),
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'billing', 'viewer', 'developer')),
            can_approve_developers BOOLEAN NOT NULL DEFAULT FALSE,
            can_sign_contracts BOOLEAN NOT NULL DEFAULT FALSE,
            can_manage_billing BOOLEAN NOT NULL DEFAULT FALSE,
            token_hash TEXT NOT NULL UNIQUE,
            invited_by UUID REFERENCES users (id),
            invited_by_label TEXT NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL,
            sent_count INTEGER NOT NULL DEFAULT 1,
            last_sent_at TIMESTAMPTZ NOT NULL,
            accepted_at TIMESTAMPTZ,
            accepted_user_id UUID REFERENCES users (id),
            revoked_at TIMESTAMPTZ,
            revoked_by_label TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX invitations_company ON invitations (tenant_id, company_id, updated_at, id);

        CREATE TABLE sessions (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            user_id UUID NOT NULL REFERENCES users (id),
            token_hash TEXT NOT NULL UNIQUE,
            csrf_hash TEXT NOT NULL,
            stage TEXT NOT NULL CHECK (stage IN ('active', 'second_factor', 'enrollment')),
            ip_address TEXT,
            user_agent TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            last_seen_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL,
            absolute_expires_at TIMESTAMPTZ NOT NULL,
            second_factor_failures INTEGER NOT NULL DEFAULT 0,
            revoked_at TIMESTAMPTZ
        );
        CREATE INDEX sessions_user ON sessions (tenant_id, user_id);

        CREATE TABLE api_tokens (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            user_id UUID NOT NULL REFERENCES users (id),
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            last_used_at TIMESTAMPTZ,
            expires_at TIMESTAMPTZ,
            revoked_at TIMESTAMPTZ
        );
        CREATE INDEX api_tokens_user ON api_tokens (tenant_id, user_id, id);

        CREATE TABLE recovery_codes (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            user_id UUID NOT NULL REFERENCES users (id),
            code_hash TEXT NOT NULL,
            used_at TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX recovery_codes_user ON recovery_codes (tenant_id, user_id);

        CREATE TABLE password_resets (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            user_id UUID NOT NULL REFERENCES users (id),
            token_hash TEXT NOT NULL UNIQUE,
            expires_at TIMESTAMPTZ NOT NULL,
            used_at TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL
        );

        CREATE TABLE login_throttles (
            throttle_key TEXT PRIMARY KEY,
            window_started_at TIMESTAMPTZ NOT NULL,
            failures INTEGER NOT NULL,
            locked_until TIMESTAMPTZ
        );

        CREATE TABLE audit_events (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            sequence BIGINT NOT NULL,
            occurred_at TIMESTAMPTZ NOT NULL,
            actor_type TEXT NOT NULL,
            actor_id TEXT,
            actor_label TEXT NOT NULL,
            action TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            company_id UUID,
            ip_address TEXT,
            request_id TEXT,
            changes TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (tenant_id, sequence)
        );
        CREATE INDEX audit_events_resource ON audit_events (tenant_id, resource_type, resource_id, sequence);
        CREATE INDEX audit_events_time ON audit_events (tenant_id, occurred_at, sequence);

        CREATE TABLE audit_chain_heads (
            tenant_id UUID PRIMARY KEY REFERENCES tenants (id),
            last_sequence BIGINT NOT NULL,
            last_hash TEXT NOT NULL
        );
        """)

    /// Row-level security on PostgreSQL (SQLite has none; the kernel's own filters apply there)
    /// and append-only audit events on both.
    ///
    /// A row of a tenant-owned table is visible only when the transaction's `portal.tenant_id`
    /// setting names its tenant, or is `*` for the few operations that cross tenants on purpose
    /// (sign-in lookups, operator commands). A transaction that sets nothing sees nothing.
    static let tenantIsolation = Migration(
        id: "0004_tenant_isolation",
        sqlite: """
            CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
            CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
            """,
        postgres: """
            CREATE FUNCTION portal_tenant_visible(row_tenant UUID) RETURNS BOOLEAN
                LANGUAGE sql STABLE
                AS $$ SELECT coalesce(current_setting('portal.tenant_id', true), '') IN (row_tenant::text, '*') $$;
            CREATE FUNCTION portal_audit_append_only() RETURNS trigger
                LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;
            CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION portal_audit_append_only();
            """ + rowLevelSecurity(identityTables)
    )

    /// The identity tables guarded by ``tenantIsolation`` (frozen: that migration has shipped).
    static let identityTables = [
        "tenants", "agencies", "users", "companies", "contacts", "company_memberships", "invitations",
        "sessions", "api_tokens", "recovery_codes", "password_resets", "audit_events", "audit_chain_heads",
    ]

    /// Tables whose rows belong to one tenant, guarded by row-level security on PostgreSQL.
    public static let tenantOwnedTables = identityTables + billingTables + engagementTables

    /// The PostgreSQL statements that put `tables` under the tenant-isolation policy.
    static func rowLevelSecurity(_ tables: [String]) -> String {
        tables.map { table in
            """

            ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
            ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;
            CREATE POLICY \(table)_tenant_isolation ON \(table)
                USING (portal_tenant_visible(tenant_id)) WITH CHECK (portal_tenant_visible(tenant_id));
            """
        }.joined()
    }
}

extension Migration {
    /// A migration written once in PostgreSQL's types, with SQLite's derived by renaming them
    /// (`UUID`, `TIMESTAMPTZ`, `DATE` → `TEXT`; `BOOLEAN`, `BIGINT` → `INTEGER`), so both stay in
    /// step. `postgresOnly` is appended to PostgreSQL's text alone (row-level security).
    init(id: String, postgresText postgres: String, postgresOnly: String = "") {
        var sqlite = postgres
        for (postgresType, sqliteType) in [
            (" UUID", " TEXT"), (" TIMESTAMPTZ", " TEXT"), (" BOOLEAN", " INTEGER"), (" BIGINT", " INTEGER"),
            (" DATE", " TEXT"),
        ] {
            sqlite = sqlite.replacingOccurrences(of: postgresType, with: sqliteType)
        }
        self.init(id: id, sqlite: sqlite, postgres: postgres + postgresOnly)
    }
}

extension PortalSchema {
    /// The billing engine: settings, tax rates, invoices and their lines, credit notes, payments,
    /// refunds, the money ledger, plans, subscriptions, credit packages and the credit ledger,
    /// contracts with billed line items and periods, the billing-run ledger, reminders and
    /// notification events.
    ///
    /// Amounts are integer minor units (`BIGINT`) beside a `currency` column; dates are calendar
    /// days in the tenant's time zone. Every table is tenant-owned and under row-level security on
    /// PostgreSQL.
    static let billing = Migration(
        id: "0006_billing", postgresText: billingTablesText, postgresOnly: rowLevelSecurity(billingTables))

    /// The tables ``billing`` creates, in creation order.
    static let billingTables = [
        "billing_settings", "tax_rates", "contracts", "plans", "subscriptions", "invoices", "invoice_lines",
        "credit_notes", "credit_note_lines", "payments", "payment_methods", "refunds", "ledger_entries",
        "credit_packages", "credit_entries", "contract_line_items", "contract_billing_periods",
        "billing_run_entries", "billing_runs", "invoice_reminders", "notification_events",
    ]

    private static let billingTablesText = """
        CREATE TABLE billing_settings (
            tenant_id UUID PRIMARY KEY REFERENCES tenants (id),
            payment_terms_days INTEGER NOT NULL CHECK (payment_terms_days >= 0 AND payment_terms_days <= 365),
            invoice_lead_days INTEGER NOT NULL CHECK (invoice_lead_days >= 0 AND invoice_lead_days <= 90),
            allow_negative_credits BOOLEAN NOT NULL,
            upgrade_timing TEXT NOT NULL CHECK (upgrade_timing IN ('immediately', 'next_renewal')),
            downgrade_timing TEXT NOT NULL CHECK (downgrade_timing IN ('immediately', 'next_renewal')),
            seller_address TEXT,
            seller_tax_id TEXT,
            seller_email TEXT,
            invoice_footer TEXT,
            updated_at TIMESTAMPTZ NOT NULL
        );

        CREATE TABLE tax_rates (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            percent_ppm BIGINT NOT NULL CHECK (percent_ppm >= 0 AND percent_ppm <= 1000000),
            inclusive BOOLEAN NOT NULL,
            valid_from DATE NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, code, valid_from)
        );

        CREATE TABLE contracts (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            title TEXT NOT NULL,
            contract_type TEXT NOT NULL CHECK (contract_type IN ('onboarding', 'engagement', 'maintenance')),
            status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'signed', 'active', 'completed', 'terminated')),
            auto_renew BOOLEAN NOT NULL DEFAULT FALSE,
            currency TEXT NOT NULL,
            billing_enabled BOOLEAN NOT NULL DEFAULT FALSE,
            billing_changed_by TEXT,
            billing_changed_at TIMESTAMPTZ,
            billing_frequency TEXT NOT NULL CHECK (billing_frequency IN ('monthly', 'quarterly', 'custom')),
            billing_interval_months INTEGER NOT NULL CHECK (billing_interval_months >= 1 AND billing_interval_months <= 120),
            billing_start_date DATE,
            billing_end_date DATE,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX contracts_company ON contracts (tenant_id, company_id, updated_at, id);

        CREATE TABLE plans (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            currency TEXT NOT NULL,
            price BIGINT NOT NULL CHECK (price >= 0),
            interval_months INTEGER NOT NULL CHECK (interval_months >= 1 AND interval_months <= 120),
            included_credits BIGINT NOT NULL CHECK (included_credits >= 0),
            tax_code TEXT,
            active BOOLEAN NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, code)
        );

        CREATE TABLE subscriptions (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            plan_id UUID NOT NULL REFERENCES plans (id),
            status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'canceled')),
            start_date DATE NOT NULL,
            anchor_date DATE NOT NULL,
            next_period_index INTEGER NOT NULL,
            cancel_at_period_end BOOLEAN NOT NULL DEFAULT FALSE,
            pending_plan_id UUID REFERENCES plans (id),
            paused_on DATE,
            canceled_at TIMESTAMPTZ,
            ends_on DATE,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX subscriptions_company ON subscriptions (tenant_id, company_id, updated_at, id);

        CREATE TABLE invoices (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            number TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('standard', 'deposit', 'subscription', 'contract', 'credit_purchase')),
            status TEXT NOT NULL
                CHECK (status IN ('draft', 'open', 'paid', 'partially_paid', 'overdue', 'void', 'uncollectible')),
            currency TEXT NOT NULL,
            issue_date DATE,
            due_date DATE,
            payment_terms_days INTEGER,
            period_start DATE,
            period_end DATE,
            apply_company_discount BOOLEAN NOT NULL DEFAULT TRUE,
            subtotal BIGINT NOT NULL DEFAULT 0,
            tax_total BIGINT NOT NULL DEFAULT 0,
            total BIGINT NOT NULL DEFAULT 0,
            amount_paid BIGINT NOT NULL DEFAULT 0,
            amount_credited BIGINT NOT NULL DEFAULT 0,
            amount_due BIGINT NOT NULL DEFAULT 0,
            credits_on_payment BIGINT NOT NULL DEFAULT 0 CHECK (credits_on_payment >= 0),
            subscription_id UUID REFERENCES subscriptions (id),
            contract_id UUID REFERENCES contracts (id),
            source_key TEXT,
            memo TEXT,
            finalized_at TIMESTAMPTZ,
            paid_at TIMESTAMPTZ,
            voided_at TIMESTAMPTZ,
            status_reason TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            CHECK (amount_due = total - amount_paid - amount_credited),
            UNIQUE (tenant_id, number),
            UNIQUE (tenant_id, source_key)
        );
        CREATE INDEX invoices_company ON invoices (tenant_id, company_id, updated_at, id);
        CREATE INDEX invoices_tenant_updated ON invoices (tenant_id, updated_at, id);
        CREATE INDEX invoices_due ON invoices (tenant_id, status, due_date);

        CREATE TABLE invoice_lines (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            invoice_id UUID NOT NULL REFERENCES invoices (id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('item', 'company_discount', 'deposit_deduction')),
            description TEXT NOT NULL,
            quantity_thousandths BIGINT NOT NULL,
            unit_amount BIGINT NOT NULL,
            discount_ppm BIGINT NOT NULL DEFAULT 0 CHECK (discount_ppm >= 0 AND discount_ppm <= 1000000),
            tax_code TEXT,
            tax_name TEXT,
            tax_ppm BIGINT,
            tax_inclusive BOOLEAN,
            gross_amount BIGINT NOT NULL,
            discount_amount BIGINT NOT NULL,
            net_amount BIGINT NOT NULL,
            tax_amount BIGINT NOT NULL,
            total_amount BIGINT NOT NULL,
            deposit_invoice_id UUID REFERENCES invoices (id),
            period_start DATE,
            period_end DATE,
            created_at TIMESTAMPTZ NOT NULL,
            UNIQUE (invoice_id, position)
        );

        CREATE TABLE credit_notes (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            invoice_id UUID NOT NULL REFERENCES invoices (id),
            number TEXT NOT NULL,
            currency TEXT NOT NULL,
            issue_date DATE NOT NULL,
            reason TEXT NOT NULL,
            subtotal BIGINT NOT NULL,
            tax_total BIGINT NOT NULL,
            total BIGINT NOT NULL CHECK (total > 0),
            applied_to_invoice BIGINT NOT NULL,
            credited_to_balance BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            CHECK (applied_to_invoice + credited_to_balance = total),
            UNIQUE (tenant_id, number)
        );
        CREATE INDEX credit_notes_invoice ON credit_notes (tenant_id, invoice_id);

        CREATE TABLE credit_note_lines (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            credit_note_id UUID NOT NULL REFERENCES credit_notes (id),
            invoice_line_id UUID NOT NULL REFERENCES invoice_lines (id),
            position INTEGER NOT NULL,
            description TEXT NOT NULL,
            net_amount BIGINT NOT NULL,
            tax_amount BIGINT NOT NULL,
            total_amount BIGINT NOT NULL,
            UNIQUE (credit_note_id, position)
        );

        CREATE TABLE payments (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            gateway TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded', 'partially_refunded')),
            currency TEXT NOT NULL,
            amount BIGINT NOT NULL CHECK (amount > 0),
            refunded_amount BIGINT NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
            reference TEXT,
            provider_reference TEXT,
            idempotency_key TEXT NOT NULL,
            received_on DATE,
            requested_allocations TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            decided_by TEXT,
            decided_at TIMESTAMPTZ,
            decision_reason TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, idempotency_key)
        );
        CREATE INDEX payments_company ON payments (tenant_id, company_id, updated_at, id);
        CREATE INDEX payments_tenant_updated ON payments (tenant_id, updated_at, id);

        CREATE TABLE payment_methods (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            gateway TEXT NOT NULL,
            country TEXT NOT NULL,
            enabled BOOLEAN NOT NULL,
            display_name TEXT NOT NULL,
            instructions TEXT,
            details TEXT NOT NULL,
            sort_order INTEGER NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, gateway, country)
        );

        CREATE TABLE refunds (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            payment_id UUID NOT NULL REFERENCES payments (id),
            currency TEXT NOT NULL,
            amount BIGINT NOT NULL CHECK (amount > 0),
            reason TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('succeeded', 'pending', 'declined')),
            provider_reference TEXT,
            idempotency_key TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, idempotency_key)
        );

        CREATE TABLE ledger_entries (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            account TEXT NOT NULL CHECK (account IN ('invoice', 'customer_credit')),
            kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'credit_note', 'credit_applied')),
            invoice_id UUID REFERENCES invoices (id),
            currency TEXT NOT NULL,
            amount BIGINT NOT NULL CHECK (amount <> 0),
            payment_id UUID REFERENCES payments (id),
            refund_id UUID REFERENCES refunds (id),
            credit_note_id UUID REFERENCES credit_notes (id),
            created_by TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            CHECK ((account = 'invoice') = (invoice_id IS NOT NULL))
        );
        CREATE INDEX ledger_entries_invoice ON ledger_entries (tenant_id, invoice_id);
        CREATE INDEX ledger_entries_company ON ledger_entries (tenant_id, company_id, account, currency);
        CREATE INDEX ledger_entries_payment ON ledger_entries (tenant_id, payment_id);

        CREATE TABLE credit_packages (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            name TEXT NOT NULL,
            credits BIGINT NOT NULL CHECK (credits > 0),
            currency TEXT NOT NULL,
            price BIGINT NOT NULL CHECK (price >= 0),
            discount_ppm BIGINT NOT NULL DEFAULT 0 CHECK (discount_ppm >= 0 AND discount_ppm <= 1000000),
            featured BOOLEAN NOT NULL DEFAULT FALSE,
            active BOOLEAN NOT NULL DEFAULT TRUE,
            sort_order INTEGER NOT NULL DEFAULT 0,
            tax_code TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );

        CREATE TABLE credit_entries (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            company_id UUID NOT NULL REFERENCES companies (id),
            kind TEXT NOT NULL CHECK (kind IN ('grant', 'usage', 'adjustment')),
            credits BIGINT NOT NULL CHECK (credits <> 0),
            description TEXT NOT NULL,
            invoice_id UUID REFERENCES invoices (id),
            idempotency_key TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, idempotency_key)
        );
        CREATE INDEX credit_entries_company ON credit_entries (tenant_id, company_id, created_at, id);

        CREATE TABLE contract_line_items (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            contract_id UUID NOT NULL REFERENCES contracts (id),
            item_type TEXT NOT NULL CHECK (item_type IN ('training_independent', 'training_agency', 'custom')),
            description TEXT NOT NULL,
            currency TEXT NOT NULL,
            amount BIGINT NOT NULL CHECK (amount > 0),
            billing_period_months INTEGER NOT NULL CHECK (billing_period_months >= 1 AND billing_period_months <= 120),
            start_date DATE NOT NULL,
            end_date DATE,
            is_recurring BOOLEAN NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'paused', 'completed')),
            tax_code TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX contract_line_items_contract ON contract_line_items (tenant_id, contract_id);

        CREATE TABLE contract_billing_periods (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            contract_id UUID NOT NULL REFERENCES contracts (id),
            period_index INTEGER NOT NULL,
            period_start DATE NOT NULL,
            period_end DATE NOT NULL,
            currency TEXT NOT NULL,
            total_amount BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'invoiced', 'paid', 'overdue', 'canceled')),
            invoice_id UUID REFERENCES invoices (id),
            invoice_date DATE,
            payment_date DATE,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (contract_id, period_index)
        );
        CREATE INDEX contract_billing_periods_due ON contract_billing_periods (tenant_id, status, period_start);

        CREATE TABLE billing_run_entries (
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            schedule_type TEXT NOT NULL CHECK (schedule_type IN ('subscription', 'contract')),
            schedule_id UUID NOT NULL,
            period_key TEXT NOT NULL,
            invoice_id UUID REFERENCES invoices (id),
            run_id UUID NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (tenant_id, schedule_type, schedule_id, period_key)
        );

        CREATE TABLE billing_runs (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            run_date DATE NOT NULL,
            dry_run BOOLEAN NOT NULL,
            summary TEXT NOT NULL,
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ
        );

        CREATE TABLE invoice_reminders (
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            invoice_id UUID NOT NULL REFERENCES invoices (id),
            stage TEXT NOT NULL CHECK (stage IN ('before_due', 'due', 'overdue')),
            sent_on DATE NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (tenant_id, invoice_id, stage)
        );

        CREATE TABLE notification_events (
            id UUID PRIMARY KEY,
            tenant_id UUID NOT NULL REFERENCES tenants (id),
            kind TEXT NOT NULL,
            company_id UUID REFERENCES companies (id),
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            dedupe_key TEXT NOT NULL,
            delivered_at TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL,
            UNIQUE (tenant_id, dedupe_key)
        );
        CREATE INDEX notification_events_undelivered ON notification_events (delivered_at, created_at);
        """
}

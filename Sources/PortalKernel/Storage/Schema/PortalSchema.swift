/// The kernel's schema: every migration, in order, for both dialects.
///
/// Append new migrations at the end; never edit one that has shipped (the ``Migrator``
/// refuses a database whose recorded checksum differs).
public enum PortalSchema {
    public static let migrations: [Migration] = [
        jobs,
        numberSequences,
        identity,
        tenantIsolation,
        authAdditions,
        billing,
        engagements,
    ]

    /// The durable job queue (see ``JobQueue``).
    static let jobs = Migration(
        id: "0001_jobs",
        sqlite: """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                tenant_id TEXT,
                payload TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'dead')),
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
                run_at TEXT NOT NULL,
                locked_by TEXT,
                locked_until TEXT,
                last_error TEXT,
                dedupe_key TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                finished_at TEXT
            );
            CREATE INDEX jobs_ready ON jobs (status, run_at);
            CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key);
            """,
        postgres: """
            CREATE TABLE jobs (
                id UUID PRIMARY KEY,
                kind TEXT NOT NULL,
                tenant_id UUID,
                payload TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'dead')),
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
                run_at TIMESTAMPTZ NOT NULL,
                locked_by TEXT,
                locked_until TIMESTAMPTZ,
                last_error TEXT,
                dedupe_key TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ
            );
            CREATE INDEX jobs_ready ON jobs (status, run_at);
            CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key);
            """
    )

    /// Gap-free per-tenant counters (see ``NumberSequence``).
    static let numberSequences = Migration(
        id: "0002_number_sequences",
        sqlite: """
            CREATE TABLE number_sequences (
                tenant_id TEXT NOT NULL,
                name TEXT NOT NULL,
                period TEXT NOT NULL,
                last_value INTEGER NOT NULL CHECK (last_value > 0),
                PRIMARY KEY (tenant_id, name, period)
            );
            """,
        postgres: """
            CREATE TABLE number_sequences (
                tenant_id UUID NOT NULL,
                name TEXT NOT NULL,
                period TEXT NOT NULL,
                last_value BIGINT NOT NULL CHECK (last_value > 0),
                PRIMARY KEY (tenant_id, name, period)
            );
            """
    )
}

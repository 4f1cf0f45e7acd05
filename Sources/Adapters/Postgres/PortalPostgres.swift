// PortalPostgres: the storage port over libpq (a connection pool, SQLSTATE mapping, reconnection).
//
// Start at `PostgresDatabase` (the `Database` implementation) and `PostgresConfiguration`.
// `PostgresConnection` owns each `PGconn`; `PostgresErrorMapping` turns SQLSTATEs into
// `PortalError`s; `PostgresValueCoding` converts values to and from PostgreSQL's text format.

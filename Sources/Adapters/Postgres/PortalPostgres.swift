// PortalPostgres: the storage port over libpq (a connection pool, SQLSTATE mapping, reconnection).

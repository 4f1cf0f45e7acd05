// PortalSQLite: the storage port over libsqlite3 (WAL, one writer, a pool of readers).

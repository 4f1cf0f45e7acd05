// PortalSQLite: the storage port (`Database`, `OnlineBackup`) over libsqlite3.
//
// - `SQLiteDatabase`         the adapter: one writer connection, a pool of readers, WAL, retries.
// - `SQLiteConfiguration`    what to open and how (path, readers, busy timeout, cache size).
// - `SQLiteConnection`       one `sqlite3*`: `$n` binding by name, value mapping, statement cache.
// - `SQLiteStatementCache`   per-connection LRU of prepared statements.
// - `SQLiteError`            SQLite result codes → `PortalError`.
// - `SQLiteBackup`           the online backup API into a temporary file, renamed into place.
//
// Every C call runs on the adapter's `BlockingThreadPool`; no other module touches `CSQLite`.

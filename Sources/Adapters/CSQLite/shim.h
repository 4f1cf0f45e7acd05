#pragma once
#include <sqlite3.h>

// Helpers for what Swift cannot import from sqlite3.h: SQLITE_TRANSIENT is a function-pointer
// cast, so binding text or bytes that SQLite must copy goes through these typed wrappers.

/// Binds `length` bytes of UTF-8 text at `index`; SQLite copies them before returning.
static inline int portal_sqlite3_bind_text_copy(sqlite3_stmt *statement, int index, const char *text, sqlite3_uint64 length) {
    return sqlite3_bind_text64(statement, index, text, length, SQLITE_TRANSIENT, SQLITE_UTF8);
}

/// Binds `length` bytes at `index`; SQLite copies them before returning.
static inline int portal_sqlite3_bind_blob_copy(sqlite3_stmt *statement, int index, const void *bytes, sqlite3_uint64 length) {
    return sqlite3_bind_blob64(statement, index, bytes, length, SQLITE_TRANSIENT);
}

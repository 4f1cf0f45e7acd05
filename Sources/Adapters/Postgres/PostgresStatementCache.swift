/// The prepared statements of one connection: SQL text → server-side statement name,
/// bounded, evicting the least recently used.
///
/// The cache only keeps the books; ``PostgresConnection`` prepares statements and
/// deallocates the evicted ones on the server.
struct PostgresStatementCache {
    private struct Entry {
        let name: String
        var lastUse: UInt64
    }

    /// The most statements kept prepared at once.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var useClock: UInt64 = 0
    private var nameCounter = 0

    init(capacity: Int = 128) {
        precondition(capacity > 0, "a statement cache needs room for one statement")
        self.capacity = capacity
    }

    var count: Int { entries.count }

    /// The prepared name for `sql`, marking it recently used; `nil` when not prepared.
    mutating func name(for sql: String) -> String? {
        guard var entry = entries[sql] else { return nil }
        useClock += 1
        entry.lastUse = useClock
        entries[sql] = entry
        return entry.name
    }

    /// A name no statement of this connection has used.
    mutating func nextName() -> String {
        nameCounter += 1
        return "portal_\(nameCounter)"
    }

    /// Records that `sql` is now prepared as `name`; returns the name of the statement
    /// evicted to make room, which the caller should deallocate.
    mutating func insert(sql: String, name: String) -> String? {
        var evicted: String?
        if entries[sql] == nil, entries.count >= capacity,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })
        {
            entries[oldest.key] = nil
            evicted = oldest.value.name
        }
        useClock += 1
        if let replaced = entries.updateValue(Entry(name: name, lastUse: useClock), forKey: sql), replaced.name != name
        {
            evicted = replaced.name
        }
        return evicted
    }

    /// Forgets `sql` (its plan went stale); returns its name so the caller can deallocate it.
    mutating func remove(sql: String) -> String? {
        entries.removeValue(forKey: sql)?.name
    }

    /// Forgets everything (after a reconnect, or when the server lost the statements).
    mutating func removeAll() {
        entries.removeAll()
    }
}

import Foundation

/// Keyset pagination over `(sort column, id)`: stable under concurrent inserts and cheap at any
/// depth, unlike `OFFSET`. The cursor is the last row's sort value and id, encoded opaquely.
struct KeysetPage {
    let sort: ListSort
    let request: PageRequest

    /// The `AND (…)` condition that starts after the cursor, or nothing for the first page.
    func afterCursor() throws -> SQLStatement {
        guard let cursor = request.cursor else { return "" }
        let (key, id) = try Self.decode(cursor)
        let column = sort.field.rawValue
        let keyValue: SQLValue
        if sort.field.isTimestamp {
            guard let instant = Instant(iso8601: key) else { throw Self.badCursor }
            keyValue = .timestamp(instant)
        } else {
            keyValue = .text(key)
        }
        let comparison = sort.descending ? "<" : ">"
        return " AND (\(raw: column) \(raw: comparison) \(keyValue) OR (\(raw: column) = \(keyValue) AND id \(raw: comparison) \(id)))"
    }

    /// `ORDER BY column, id LIMIT limit+1` (one extra row tells whether another page exists).
    func orderAndLimit() -> SQLStatement {
        let direction = sort.descending ? "DESC" : "ASC"
        return " ORDER BY \(raw: sort.field.rawValue) \(raw: direction), id \(raw: direction) LIMIT \(request.limit + 1)"
    }

    /// Cuts the extra row off and makes the next cursor from the last row kept.
    func page<Item: Sendable>(_ rows: [SQLRow], _ makeItem: (SQLRow) throws -> Item) throws -> Page<Item> {
        let kept = rows.prefix(request.limit)
        var next: String?
        if rows.count > request.limit, let last = kept.last {
            let key: String
            if sort.field.isTimestamp {
                key = (try last.get(sort.field.rawValue, as: Instant.self)).iso8601
            } else {
                key = try last.get(sort.field.rawValue, as: String.self)
            }
            next = Self.encode(key: key, id: try last.get("id", as: String.self))
        }
        return Page(items: try kept.map(makeItem), nextCursor: next)
    }

    static let badCursor = PortalError.invalid("cursor is not one this list returned.", field: "cursor")

    static func encode(key: String, id: String) -> String {
        ByteEncoding.base64URL(Array((try? JSONEncoder().encode([key, id])) ?? Data()))
    }

    static func decode(_ cursor: String) throws -> (key: String, id: String) {
        guard let bytes = ByteEncoding.bytes(fromBase64: cursor),
            let parts = try? JSONDecoder().decode([String].self, from: Data(bytes)), parts.count == 2,
            UUIDBytes(parts[1]) != nil
        else { throw badCursor }
        return (parts[0], parts[1])
    }
}

import Foundation

extension AuditChange {
    /// Reads a stored `changes` column, with exactly the result (or error) of
    /// `JSONDecoder().decode([String: AuditChange].self, from:)`, only faster.
    ///
    /// ``JSONValueParser`` reads the text; an object of objects becomes the changes, each side
    /// absent when its key is missing or `null` (as the synthesized `Decodable` conformance's
    /// `decodeIfPresent` has it) and other keys ignored. Anything else goes to `JSONDecoder`.
    static func decodeMap(fromJSON text: String) throws -> [String: AuditChange] {
        let bytes = Array(text.utf8)
        if case .object(let members)? = JSONValueParser.parse(bytes) {
            var changes: [String: AuditChange] = [:]
            changes.reserveCapacity(members.count)
            for (key, member) in members {
                guard case .object(let sides) = member else {
                    return try JSONDecoder().decode([String: AuditChange].self, from: Data(bytes))
                }
                changes[key] = AuditChange(before: presentSide(sides["before"]), after: presentSide(sides["after"]))
            }
            return changes
        }
        return try JSONDecoder().decode([String: AuditChange].self, from: Data(bytes))
    }

    private static func presentSide(_ side: JSONValue?) -> JSONValue? {
        if case .null? = side { return nil }
        return side
    }
}

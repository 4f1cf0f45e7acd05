import PortalKernel
import Testing

@Suite("SQL statements")
struct SQLStatementTests {
    @Test("interpolated values become numbered parameters, never SQL text")
    func interpolationBinds() {
        let name = "Robert'); DROP TABLE companies;--"
        let statement: SQLStatement = "SELECT id FROM companies WHERE name = \(name) AND active = \(true) LIMIT \(10)"
        #expect(statement.sql == "SELECT id FROM companies WHERE name = $1 AND active = $2 LIMIT $3")
        #expect(statement.bindings == [.text(name), .bool(true), .integer(10)])
    }

    @Test("optional values bind NULL")
    func optionalBindsNull() {
        let missing: String? = nil
        let statement: SQLStatement = "UPDATE t SET note = \(missing), at = \(Optional(Instant(secondsSinceEpoch: 0)))"
        #expect(statement.bindings == [.null, .timestamp(Instant(secondsSinceEpoch: 0))])
    }

    @Test("lists expand to one parameter each; an empty list matches nothing")
    func lists() {
        let statement: SQLStatement = "SELECT * FROM t WHERE k IN (\(list: ["a", "b", "c"])) AND n = \(1)"
        #expect(statement.sql == "SELECT * FROM t WHERE k IN ($1, $2, $3) AND n = $4")
        let empty: SQLStatement = "SELECT * FROM t WHERE k IN (\(list: [String]()))"
        #expect(empty.sql == "SELECT * FROM t WHERE k IN (NULL)")
        #expect(empty.bindings.isEmpty)
    }

    @Test("appending renumbers placeholders but leaves quoted text alone")
    func appendRenumbers() {
        var statement: SQLStatement = "SELECT * FROM t WHERE a = \(1)"
        statement.append(" AND b = \(2) AND c = '$1' AND d = \(3)")
        #expect(statement.sql == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = '$1' AND d = $3")
        #expect(statement.bindings == [.integer(1), .integer(2), .integer(3)])
    }

    @Test("renumbering handles multi-digit placeholders and quoted identifiers")
    func renumber() {
        #expect(SQLPlaceholders.renumber("x = $1 OR y = $12 OR \"$3\" = 1", offset: 9) == "x = $10 OR y = $21 OR \"$3\" = 1")
    }

    @Test("descriptions never print bound values")
    func descriptionRedacts() {
        let statement: SQLStatement = "SELECT * FROM users WHERE email = \("ana@example.com")"
        #expect(!statement.description.contains("ana@example.com"))
        #expect(statement.description.contains("text(15 bytes)"))
    }

    @Test("rows decode typed values and reject NULL into non-optionals")
    func rowDecoding() throws {
        let columns = SQLColumns(["id", "n", "flag", "at", "note"])
        let row = SQLRow(columns: columns, values: [.text("x"), .integer(7), .integer(1), .text("2026-01-02T03:04:05.000006Z"), .null])
        #expect(try row.get("n", as: Int.self) == 7)
        #expect(try row.get("flag", as: Bool.self) == true)
        #expect(try row.get("at", as: Instant.self) == Instant(iso8601: "2026-01-02T03:04:05.000006Z"))
        #expect(try row.get("note", as: String?.self) == nil)
        #expect(throws: PortalError.self) { try row.get("note", as: String.self) }
        #expect(throws: PortalError.self) { try row.get("missing", as: String.self) }
    }
}

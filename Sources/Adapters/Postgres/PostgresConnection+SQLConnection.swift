import PortalKernel

/// The connection as transaction bodies see it.
extension PostgresConnection: SQLConnection {
    var dialect: SQLDialect { .postgres }

    func query(_ statement: SQLStatement) throws -> [SQLRow] {
        try run(statement).rows()
    }

    func forEachRow(_ statement: SQLStatement, _ body: (SQLRow) throws -> Void) throws {
        try stream(statement, body)
    }

    @discardableResult
    func execute(_ statement: SQLStatement) throws -> Int {
        try run(statement).affectedRows
    }

    func executeScript(_ sql: String) throws {
        try run(script: sql)
    }
}

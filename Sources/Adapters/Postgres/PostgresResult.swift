import CLibPQ
import PortalKernel

/// Owns one `PGresult` and clears it when released, so no path can leak one.
final class PostgresResult {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        PQclear(pointer)
    }

    var status: ExecStatusType { PQresultStatus(pointer) }

    /// Whether the statement succeeded (with or without rows).
    var succeeded: Bool {
        let status = self.status
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_SINGLE_TUPLE
            || status == PGRES_EMPTY_QUERY
    }

    /// One diagnostic field (`"C"` SQLSTATE, `"M"` message, `"n"` constraint, `"c"` column…).
    func errorField(_ code: Unicode.Scalar) -> String? {
        guard let field = PQresultErrorField(pointer, Int32(code.value)) else { return nil }
        return String(cString: field)
    }

    /// The full error message, or `nil` when the result is not an error.
    var errorMessage: String? {
        guard let message = PQresultErrorMessage(pointer) else { return nil }
        let text = String(cString: message)
        return text.isEmpty ? nil : text.trimmingTrailingNewlines
    }

    /// Rows changed by an `INSERT`, `UPDATE`, `DELETE`, `MERGE`, `COPY` or returned by a `SELECT`; 0 otherwise.
    var affectedRows: Int {
        guard let text = PQcmdTuples(pointer) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// The command tag (`INSERT 0 1`, `COMMIT`, `ROLLBACK`…).
    var commandStatus: String {
        guard let text = PQcmdStatus(pointer) else { return "" }
        return String(cString: text)
    }

    var rowCount: Int { Int(PQntuples(pointer)) }

    /// The column names, shared by every row of the result.
    func columns() -> SQLColumns {
        let count = PQnfields(pointer)
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for index in 0..<count {
            names.append(PQfname(pointer, index).map { String(cString: $0) } ?? "?column?")
        }
        return SQLColumns(names)
    }

    /// Row `index`, its values decoded by column type (see ``PostgresValueCoding``).
    func row(_ index: Int, columns: SQLColumns) -> SQLRow {
        let row = Int32(index)
        let count = Int32(columns.names.count)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            if PQgetisnull(pointer, row, column) == 1 {
                values.append(.null)
                continue
            }
            let length = Int(PQgetlength(pointer, row, column))
            let bytes = UnsafeRawBufferPointer(start: PQgetvalue(pointer, row, column), count: length)
            values.append(PostgresValueCoding.decode(type: PQftype(pointer, column), text: bytes))
        }
        return SQLRow(columns: columns, values: values)
    }

    /// Every row.
    func rows() -> [SQLRow] {
        let columns = columns()
        return (0..<rowCount).map { row($0, columns: columns) }
    }
}

/// Case-insensitive substring search that means the same on SQLite and PostgreSQL.
enum SQLSearch {
    /// `lower(column) LIKE '%text%'` with `%`, `_` and `\` in `text` escaped.
    static func contains(_ column: String, _ text: String) -> SQLStatement {
        var escaped = ""
        for character in text.lowercased() {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "lower(\(raw: column)) LIKE \("%" + escaped + "%") ESCAPE '\\'"
    }
}

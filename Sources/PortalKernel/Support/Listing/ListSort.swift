/// The order of a list: a sortable field and a direction. Written `name` or `-name` (descending).
public struct ListSort: Sendable, Hashable {
    public var field: ListSortField
    public var descending: Bool

    public init(_ field: ListSortField, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }

    /// Parses `name`, `-updated_at` and the like, allowing only `allowed` fields.
    public init(parsing text: String, allowed: [ListSortField], field parameter: String = "sort") throws {
        let descending = text.hasPrefix("-")
        let name = descending ? String(text.dropFirst()) : text
        guard let field = allowed.first(where: { $0.rawValue == name }) else {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            throw PortalError.invalid("sort must be one of \(names), optionally prefixed with '-'.", field: parameter)
        }
        self.init(field, descending: descending)
    }

    /// `name` or `-name`.
    public var text: String { (descending ? "-" : "") + field.rawValue }
}

/// A field a list can be sorted by. Each is a non-null column of the listed table.
public enum ListSortField: String, Sendable, Hashable, CaseIterable {
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case name
    case email
    case accountNumber = "account_number"

    /// Whether the column holds timestamps (bound as timestamps in cursors).
    var isTimestamp: Bool { self == .createdAt || self == .updatedAt }
}

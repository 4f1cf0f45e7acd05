import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// Reads list parameters from a query string. Every value that is present but not usable is
/// `invalid` naming the parameter (`limit`, `sort`, `updated_since`, `status` …); an empty
/// value counts as absent; parameters a route does not read are ignored.
///
/// ```swift
/// let query = call.query
/// let options = CompanyListOptions(
///     sort: try query.sort(CompanyListOptions.sortFields), status: try query.choice("status", as: CompanyStatus.self))
/// let page = try query.page()
/// ```
struct ListQuery: Sendable {
    private let values: [String: String]

    init(_ parameters: Parameters) {
        var values: [String: String] = [:]
        for (key, value) in parameters where values[String(key)] == nil {
            values[String(key)] = String(value)
        }
        self.values = values
    }

    /// The raw value of `name`, `nil` when absent or empty.
    subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// `limit` (1…200, 50 when absent) and `cursor`.
    func page() throws -> PageRequest {
        guard let text = self["limit"] else { return try PageRequest(cursor: self["cursor"]) }
        guard let limit = Int(text) else {
            throw PortalError.invalid("limit must be a whole number from 1 to \(PageRequest.maximumLimit).", field: "limit")
        }
        return try PageRequest(limit: limit, cursor: self["cursor"])
    }

    /// `sort` as `field` or `-field`, among `allowed`; `standard` when absent.
    func sort(_ allowed: [ListSortField], standard: ListSort = ListSort(.createdAt)) throws -> ListSort {
        guard let text = self["sort"] else { return standard }
        return try ListSort(parsing: text, allowed: allowed)
    }

    /// An RFC 3339 instant such as `2026-03-02T09:00:00Z`.
    func instant(_ name: String) throws -> Instant? {
        guard let text = self[name] else { return nil }
        guard let instant = Instant(iso8601: text) else {
            throw PortalError.invalid("\(name) must be an RFC 3339 timestamp such as 2026-03-02T09:00:00Z.", field: name)
        }
        return instant
    }

    /// One of a fixed set of values (`status=active`).
    func choice<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) throws -> Value?
    where Value.RawValue == String {
        guard let text = self[name] else { return nil }
        guard let value = Value(rawValue: text) else {
            let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw PortalError.invalid("\(name) must be one of \(names).", field: name)
        }
        return value
    }

    /// Free text such as a search (`q`), at most `maximumLength` characters.
    func text(_ name: String, maximumLength: Int = 200) throws -> String? {
        guard let text = self[name] else { return nil }
        guard text.count <= maximumLength else {
            throw PortalError.invalid("\(name) must be at most \(maximumLength) characters.", field: name)
        }
        return text
    }

    /// An identifier (`company_id=…`).
    func id<Tag: IdentifierTag>(_ name: String, as type: Identifier<Tag>.Type) throws -> Identifier<Tag>? {
        guard let text = self[name] else { return nil }
        return try Identifier<Tag>(parsing: text, field: name)
    }
}

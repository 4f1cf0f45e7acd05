import Foundation
import PortalKernel

/// Where the database is, parsed from `database.url`.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file: `sqlite:data/portal.sqlite` (relative) or `sqlite:///var/lib/portal.sqlite` (absolute).
    case sqlite(path: String)
    /// A PostgreSQL server: `postgres://user@host:5432/db?sslmode=require` (also `postgresql://`).
    case postgres(url: String)

    public init(url: String) throws {
        let trimmed = String(url.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty, !path.hasSuffix("/") else {
                throw PortalError.invalid("A SQLite URL names a file: sqlite:data/portal.sqlite or sqlite:///abs/path.sqlite.", field: "database.url")
            }
            self = .sqlite(path: path)
        } else if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(url: trimmed)
        } else {
            throw PortalError.invalid("database.url must start with sqlite: or postgres://.", field: "database.url")
        }
    }

    /// The storage plugin that serves this location.
    public var pluginName: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// The location with any password hidden, safe to print and log.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url): return Self.redactingPassword(url)
        }
    }

    /// Whether the URL carries a password (in its user info or as a `password=` parameter).
    public var hasInlinePassword: Bool {
        guard case .postgres(let url) = self else { return false }
        return Self.redactingPassword(url) != url
    }

    /// Hides the password of a `user:password@host` user info (which may itself contain `@`)
    /// and the value of any `password=` query parameter.
    static func redactingPassword(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.range(of: "://") {
            let afterScheme = text[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        guard let query = text.firstIndex(of: "?") else { return text }
        let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
        }
        return String(text[...query]) + parameters.joined(separator: "&")
    }
}

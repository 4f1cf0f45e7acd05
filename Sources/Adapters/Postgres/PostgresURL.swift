import CLibPQ
import Foundation
import PortalKernel

/// Checks and masks PostgreSQL connection URLs. Nothing here connects or resolves names.
enum PostgresURL {
    /// The schemes libpq reads as URLs.
    static let schemes = ["postgresql://", "postgres://"]

    /// Throws `invalid` (field `database.url`) unless `url` is a `postgres://` or `postgresql://`
    /// URL that libpq can parse.
    static func validate(_ url: String) throws {
        // libpq itself recognises only these lowercase prefixes.
        guard schemes.contains(where: { url.hasPrefix($0) }) else {
            throw PortalError.invalid(
                "The database URL must start with postgres:// or postgresql://.", field: "database.url")
        }
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &message) else {
            let detail = message.map { String(cString: $0) } ?? "unparseable connection URL"
            if let message { PQfreemem(message) }
            var error = PortalError.invalid("The database URL is not valid.", field: "database.url")
            error.debugDetail = scrub(detail.trimmingTrailingNewlines, of: url)
            throw error
        }
        PQconninfoFree(options)
    }

    /// `url` with the password (in the user info or a `password=` option) replaced by `***`.
    static func redacted(_ url: String) -> String {
        var text = url
        for secret in secrets(in: url) {
            text = text.replacingEvery(secret, with: "***")
        }
        return text
    }

    /// `text` with every secret of `url` replaced by `***` (for libpq messages that may quote it).
    static func scrub(_ text: String, of url: String) -> String {
        var text = text
        for secret in secrets(in: url) {
            text = text.replacingEvery(secret, with: "***")
        }
        return text
    }

    /// The passwords written in `url`, as they appear in the text.
    static func secrets(in url: String) -> [String] {
        var found: [String] = []
        if let schemeEnd = url.range(of: "://") {
            let rest = url[schemeEnd.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    let password = userInfo[userInfo.index(after: colon)...]
                    if !password.isEmpty { found.append(String(password)) }
                }
            }
        }
        if let query = url.firstIndex(of: "?") {
            for pair in url[url.index(after: query)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.count == 2, parts[0].lowercased() == "password", !parts[1].isEmpty {
                    found.append(String(parts[1]))
                }
            }
        }
        return found
    }
}

extension String {
    /// Replaces every occurrence of `target` (non-empty) with `replacement`.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }

    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}

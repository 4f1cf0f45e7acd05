/// The one error type the kernel throws.
///
/// Every failure a caller can act on is a `PortalError` with a stable machine ``Code``,
/// a human ``message`` safe to show to the person who made the request, and, where one
/// input is at fault, the ``field`` that names it (`"email"`, `"lines[2].quantity"`).
///
/// The kernel knows nothing of HTTP or exit codes: the front ends map ``Code`` to those.
/// ``debugDetail`` carries what only an operator should see (a driver's message, a SQLSTATE);
/// it is never part of ``description`` and never sent to clients.
///
/// ```swift
/// throw PortalError.invalid("must be a valid email address", field: "email")
/// ```
public struct PortalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code. New codes may be added; match with `==`.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The resource does not exist, or the caller may not know it exists.
        public static let notFound = Code(rawValue: "not_found")
        /// The request conflicts with current state (a duplicate, a stale version, a lost race).
        public static let conflict = Code(rawValue: "conflict")
        /// The input is malformed or breaks a rule; ``PortalError/field`` names the culprit.
        public static let invalid = Code(rawValue: "invalid")
        /// The caller is known but not allowed to do this.
        public static let forbidden = Code(rawValue: "forbidden")
        /// The caller did not prove who they are.
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// A dependency (database, provider, network) is not reachable right now; retrying later may work.
        public static let unavailable = Code(rawValue: "unavailable")
        /// Too many requests; retry after a pause.
        public static let rateLimited = Code(rawValue: "rate_limited")
        /// The request is too large to accept.
        public static let tooLarge = Code(rawValue: "too_large")
        /// A bug or an unexpected state. The message is deliberately generic.
        public static let `internal` = Code(rawValue: "internal")

        public var description: String { rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A human-readable message without secrets or internals.
    public var message: String
    /// The input field at fault, if one is.
    public var field: String?
    /// The database constraint that failed, when a storage adapter reports one.
    public var constraint: String?
    /// Operator-only detail (driver messages, codes). Logged, never shown to clients.
    public var debugDetail: String?
    /// For `rate_limited`: how many seconds to wait before trying again.
    public var retryAfterSeconds: Int?

    public init(
        _ code: Code,
        _ message: String,
        field: String? = nil,
        constraint: String? = nil,
        debugDetail: String? = nil
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.constraint = constraint
        self.debugDetail = debugDetail
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let field { text += " (field: \(field))" }
        return text
    }
}

extension PortalError {
    public static func notFound(_ message: String, field: String? = nil) -> PortalError {
        PortalError(.notFound, message, field: field)
    }

    public static func conflict(_ message: String, field: String? = nil) -> PortalError {
        PortalError(.conflict, message, field: field)
    }

    public static func invalid(_ message: String, field: String? = nil) -> PortalError {
        PortalError(.invalid, message, field: field)
    }

    public static func forbidden(_ message: String = "You are not allowed to do this.") -> PortalError {
        PortalError(.forbidden, message)
    }

    public static func unauthenticated(_ message: String = "Sign in to continue.") -> PortalError {
        PortalError(.unauthenticated, message)
    }

    public static func unavailable(_ message: String, debugDetail: String? = nil) -> PortalError {
        PortalError(.unavailable, message, debugDetail: debugDetail)
    }

    /// Too many attempts; the caller may try again after `retryAfterSeconds`.
    public static func rateLimited(_ message: String, retryAfterSeconds: Int) -> PortalError {
        var error = PortalError(.rateLimited, message)
        error.retryAfterSeconds = max(1, retryAfterSeconds)
        return error
    }

    public static func `internal`(debugDetail: String) -> PortalError {
        PortalError(.internal, "An internal error occurred.", debugDetail: debugDetail)
    }

    /// Wraps any error as a `PortalError`, keeping a `PortalError` as it is.
    public static func wrapping(_ error: any Error) -> PortalError {
        if let error = error as? PortalError { return error }
        return .internal(debugDetail: String(describing: error))
    }
}

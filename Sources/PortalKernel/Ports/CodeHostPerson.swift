/// A person as a code host knows them: an account login, a git name and email, or both.
public struct CodeHostPerson: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The account's login or username, when the host linked one.
    public var login: String?
    /// The display or git author name.
    public var name: String?
    /// The git author email, when reported.
    public var email: String?

    public init(login: String? = nil, name: String? = nil, email: String? = nil) {
        self.login = login
        self.name = name
        self.email = email
    }

    public var description: String { login ?? name ?? email ?? "unknown" }
}

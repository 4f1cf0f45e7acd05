/// Names a repository on a code host: `owner/name` on GitHub, `group/subgroup/project` on
/// GitLab (the plugin URL-encodes it, or uses a numeric project id given as the path).
public struct CodeHostRepositoryRef: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The full path, segments separated by `/`.
    public let path: String

    /// A reference to the repository at `path`.
    /// - Throws: ``PortalError`` `invalid` (field `repository`) for an empty path, an empty
    ///   segment, or whitespace.
    public init(_ path: String) throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, segments.allSatisfy({ !$0.isEmpty }),
            !path.contains(where: { $0.isWhitespace || $0.isNewline })
        else {
            throw PortalError.invalid("'\(path.prefix(200))' is not a repository path such as owner/name.", field: "repository")
        }
        self.path = path
    }

    /// The namespace: everything before the last `/` (`owner`, `group/subgroup`); empty for a bare id.
    public var namespace: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The last segment: the repository's own name.
    public var name: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    public var description: String { path }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(path)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }
}

/// What a code host says about a repository.
public struct CodeHostRepository: Sendable, Hashable, Codable {
    /// The host's own id (GitHub `id`, GitLab project id), stable across renames.
    public var providerID: String
    public var ref: CodeHostRepositoryRef
    public var description: String?
    public var isPrivate: Bool
    public var isArchived: Bool
    public var defaultBranch: String
    /// The main language, when the host detects one.
    public var language: String?
    public var starCount: Int?
    public var forkCount: Int?
    /// The host's open-issue figure as reported (on GitHub it counts pull requests too).
    public var openIssueCount: Int?
    /// The repository's web page.
    public var url: String
    /// The last push, when reported.
    public var pushedAt: Instant?
    public var updatedAt: Instant?

    public init(
        providerID: String, ref: CodeHostRepositoryRef, description: String? = nil, isPrivate: Bool,
        isArchived: Bool = false, defaultBranch: String, language: String? = nil, starCount: Int? = nil,
        forkCount: Int? = nil, openIssueCount: Int? = nil, url: String, pushedAt: Instant? = nil,
        updatedAt: Instant? = nil
    ) {
        self.providerID = providerID
        self.ref = ref
        self.description = description
        self.isPrivate = isPrivate
        self.isArchived = isArchived
        self.defaultBranch = defaultBranch
        self.language = language
        self.starCount = starCount
        self.forkCount = forkCount
        self.openIssueCount = openIssueCount
        self.url = url
        self.pushedAt = pushedAt
        self.updatedAt = updatedAt
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case providerID = "providerId", ref, description, isPrivate, isArchived, defaultBranch, language, starCount
        case forkCount, openIssueCount, url, pushedAt, updatedAt
    }
}

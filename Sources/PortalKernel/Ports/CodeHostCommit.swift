/// A commit as listed by a code host.
public struct CodeHostCommit: Sendable, Hashable, Codable {
    public var sha: String
    /// The full message; the first line is the title.
    public var message: String
    public var author: CodeHostPerson
    public var committer: CodeHostPerson?
    public var authoredAt: Instant?
    public var committedAt: Instant?
    /// The commit's web page.
    public var url: String?
    /// Line counts, when the host includes them (GitLab `with_stats`, GitHub single-commit reads).
    public var stats: CodeHostChangeStats?

    public init(
        sha: String, message: String, author: CodeHostPerson, committer: CodeHostPerson? = nil,
        authoredAt: Instant? = nil, committedAt: Instant? = nil, url: String? = nil, stats: CodeHostChangeStats? = nil
    ) {
        self.sha = sha
        self.message = message
        self.author = author
        self.committer = committer
        self.authoredAt = authoredAt
        self.committedAt = committedAt
        self.url = url
        self.stats = stats
    }

    /// The message's first line.
    public var title: String { String(message.prefix { !$0.isNewline }) }
}

/// Lines added and removed by a commit or a pull request.
public struct CodeHostChangeStats: Sendable, Hashable, Codable {
    public var additions: Int
    public var deletions: Int
    /// Files touched, when reported.
    public var changedFiles: Int?

    public init(additions: Int, deletions: Int, changedFiles: Int? = nil) {
        self.additions = additions
        self.deletions = deletions
        self.changedFiles = changedFiles
    }
}

/// Which commits to list.
public struct CodeHostCommitQuery: Sendable, Hashable, Codable {
    /// The branch, tag or SHA to list from; `nil` for the default branch.
    public var branch: String?
    /// Only commits at or after this instant (by committer date).
    public var since: Instant?
    /// Only commits at or before this instant.
    public var until: Instant?
    /// Only commits touching this path.
    public var path: String?
    /// Only commits by this author (login or email).
    public var author: String?
    /// Ask for ``CodeHostCommit/stats`` where the host can include them in the list.
    public var includeStats: Bool

    public init(
        branch: String? = nil, since: Instant? = nil, until: Instant? = nil, path: String? = nil,
        author: String? = nil, includeStats: Bool = false
    ) {
        self.branch = branch
        self.since = since
        self.until = until
        self.path = path
        self.author = author
        self.includeStats = includeStats
    }
}

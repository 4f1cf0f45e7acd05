/// A pull request (GitHub) or merge request (GitLab).
public struct CodeHostPullRequest: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        /// Closed without merging.
        case closed
        case merged
    }

    /// The number within the repository (GitHub `number`, GitLab `iid`).
    public var number: Int
    public var title: String
    public var state: State
    public var isDraft: Bool
    public var author: CodeHostPerson?
    /// The branch with the changes.
    public var sourceBranch: String
    /// The branch it merges into.
    public var targetBranch: String
    public var url: String
    public var createdAt: Instant
    public var updatedAt: Instant?
    public var closedAt: Instant?
    public var mergedAt: Instant?
    /// Size, when the host includes it (GitHub single reads).
    public var stats: CodeHostChangeStats?

    public init(
        number: Int, title: String, state: State, isDraft: Bool = false, author: CodeHostPerson? = nil,
        sourceBranch: String, targetBranch: String, url: String, createdAt: Instant, updatedAt: Instant? = nil,
        closedAt: Instant? = nil, mergedAt: Instant? = nil, stats: CodeHostChangeStats? = nil
    ) {
        self.number = number
        self.title = title
        self.state = state
        self.isDraft = isDraft
        self.author = author
        self.sourceBranch = sourceBranch
        self.targetBranch = targetBranch
        self.url = url
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.mergedAt = mergedAt
        self.stats = stats
    }
}

/// Which pull requests to list.
public struct CodeHostPullRequestQuery: Sendable, Hashable, Codable {
    public enum StateFilter: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        /// Closed or merged.
        case closed
        /// Merged only (GitHub plugins filter closed ones on `merged_at`).
        case merged
        case all
    }

    public var state: StateFilter
    /// Only those merging into this branch.
    public var targetBranch: String?

    public init(state: StateFilter = .open, targetBranch: String? = nil) {
        self.state = state
        self.targetBranch = targetBranch
    }
}

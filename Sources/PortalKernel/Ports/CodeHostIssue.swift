/// An issue. Pull requests are never issues here: GitHub plugins drop the items of `/issues`
/// that carry a `pull_request` key (GitLab lists them separately anyway).
public struct CodeHostIssue: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case closed
    }

    /// The number within the repository (GitHub `number`, GitLab `iid`).
    public var number: Int
    public var title: String
    public var state: State
    public var author: CodeHostPerson?
    public var assignees: [CodeHostPerson]
    public var labels: [String]
    public var commentCount: Int?
    public var url: String
    public var createdAt: Instant
    public var updatedAt: Instant?
    public var closedAt: Instant?

    public init(
        number: Int, title: String, state: State, author: CodeHostPerson? = nil, assignees: [CodeHostPerson] = [],
        labels: [String] = [], commentCount: Int? = nil, url: String, createdAt: Instant, updatedAt: Instant? = nil,
        closedAt: Instant? = nil
    ) {
        self.number = number
        self.title = title
        self.state = state
        self.author = author
        self.assignees = assignees
        self.labels = labels
        self.commentCount = commentCount
        self.url = url
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
    }
}

/// Which issues to list.
public struct CodeHostIssueQuery: Sendable, Hashable, Codable {
    public enum StateFilter: String, Sendable, Hashable, Codable, CaseIterable {
        case open, closed, all
    }

    public var state: StateFilter
    /// Only issues updated at or after this instant (GitHub `since`, GitLab `updated_after`).
    public var updatedSince: Instant?
    /// Only issues carrying all of these labels.
    public var labels: [String]

    public init(state: StateFilter = .open, updatedSince: Instant? = nil, labels: [String] = []) {
        self.state = state
        self.updatedSince = updatedSince
        self.labels = labels
    }
}

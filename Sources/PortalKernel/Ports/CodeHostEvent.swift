/// A repository event delivered by a code host webhook, parsed by
/// ``CodeHost/parseWebhook(_:account:)``.
///
/// | ``Payload`` | GitHub `X-GitHub-Event` | GitLab `X-Gitlab-Event` |
/// |---|---|---|
/// | `push` | `push` | `Push Hook`, `Tag Push Hook` |
/// | `pullRequest` | `pull_request` | `Merge Request Hook` |
/// | `issue` | `issues` | `Issue Hook` |
/// | `ping` | `ping` | — |
public struct CodeHostEvent: Sendable, Hashable, Codable {
    /// What the event is about.
    public enum Payload: Sendable, Hashable, Codable {
        case push(CodeHostPush)
        case pullRequest(CodeHostEventAction, CodeHostPullRequest)
        case issue(CodeHostEventAction, CodeHostIssue)
        /// The host checking the webhook works (sent when it is created).
        case ping
    }

    /// The delivery's unique id (GitHub `X-GitHub-Delivery`, GitLab `X-Gitlab-Event-UUID`), for
    /// deduplication and replay protection.
    public var deliveryID: String?
    /// The event name as received, for logs.
    public var providerEventType: String
    /// The repository concerned, when the payload names one.
    public var repository: CodeHostRepositoryRef?
    /// Who caused it.
    public var sender: CodeHostPerson?
    public var payload: Payload

    public init(
        deliveryID: String?, providerEventType: String, repository: CodeHostRepositoryRef?,
        sender: CodeHostPerson? = nil, payload: Payload
    ) {
        self.deliveryID = deliveryID
        self.providerEventType = providerEventType
        self.repository = repository
        self.sender = sender
        self.payload = payload
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case deliveryID = "deliveryId", providerEventType, repository, sender, payload
    }
}

/// What was done to a pull request or issue.
public enum CodeHostEventAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// GitHub `opened`, GitLab `open`.
    case opened
    /// GitHub `closed` without merge, GitLab `close`.
    case closed
    /// GitHub `reopened`, GitLab `reopen`.
    case reopened
    /// GitHub `closed` with `merged: true`, GitLab `merge`.
    case merged
    /// New commits, edits, labels, assignees (GitHub `synchronize`, `edited`, …; GitLab `update`).
    case updated
    /// Anything else the host reports.
    case other
}

/// Commits pushed to a branch or a tag.
public struct CodeHostPush: Sendable, Hashable, Codable {
    /// The full ref (`refs/heads/main`, `refs/tags/v1.2`).
    public var ref: String
    /// The SHA before the push (all zeros for a new ref).
    public var before: String
    /// The SHA after the push (all zeros for a deleted ref).
    public var after: String
    /// The pushed commits the host lists (GitHub and GitLab cap the list at 20).
    public var commits: [CodeHostCommit]
    /// The total number of commits pushed, which may exceed ``commits``.
    public var totalCommitCount: Int?

    public init(ref: String, before: String, after: String, commits: [CodeHostCommit], totalCommitCount: Int? = nil) {
        self.ref = ref
        self.before = before
        self.after = after
        self.commits = commits
        self.totalCommitCount = totalCommitCount
    }

    /// The branch name for a branch push (`main` for `refs/heads/main`).
    public var branch: String? { ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : nil }
    /// The tag name for a tag push.
    public var tag: String? { ref.hasPrefix("refs/tags/") ? String(ref.dropFirst("refs/tags/".count)) : nil }
}

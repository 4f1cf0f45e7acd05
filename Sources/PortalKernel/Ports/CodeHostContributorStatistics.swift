/// How much one person contributed to a repository.
///
/// GitHub computes these lazily (`/stats/contributors` answers 202 until ready, which the port
/// reports as ``CodeHostResponse/Content/computing(retryAfter:)``) and gives weekly figures;
/// GitLab's `/repository/contributors` gives totals only, so ``weeks`` is empty there.
public struct CodeHostContributorStatistics: Sendable, Hashable, Codable {
    public var author: CodeHostPerson
    public var commits: Int
    /// Lines added over the repository's history (reported as 0 by GitHub for very large repositories).
    public var additions: Int
    public var deletions: Int
    /// Weekly figures, oldest first, when the host provides them.
    public var weeks: [Week]

    /// One week of a contributor's activity.
    public struct Week: Sendable, Hashable, Codable {
        /// The first day of the week (GitHub weeks start on Sunday, UTC).
        public var startingOn: LocalDate
        public var commits: Int
        public var additions: Int
        public var deletions: Int

        public init(startingOn: LocalDate, commits: Int, additions: Int, deletions: Int) {
            self.startingOn = startingOn
            self.commits = commits
            self.additions = additions
            self.deletions = deletions
        }
    }

    public init(author: CodeHostPerson, commits: Int, additions: Int, deletions: Int, weeks: [Week] = []) {
        self.author = author
        self.commits = commits
        self.additions = additions
        self.deletions = deletions
        self.weeks = weeks
    }
}

/// The code host port: how the kernel shows clients the work behind their deliverables —
/// repository activity, commits, pull requests, issues and contributors — from GitHub or GitLab.
///
/// Reads return a ``CodeHostResponse``: new content, `notModified` for a matching
/// `ifNoneMatch` ETag, `computing` while statistics are being prepared, or `rateLimited`, always
/// with the host's ``CodeHostRateLimit`` so sync jobs can pace themselves. Lists are paged with
/// opaque ``CodeHostCursor``s. Webhooks are verified and parsed into ``CodeHostEvent``s.
///
/// ## Implementation requirements
/// - Reach the host only through the ``HTTPTransport`` given at construction, authenticating
///   with the ``ProviderAccount``'s token (GitHub `Authorization: Bearer`, GitLab `PRIVATE-TOKEN`).
///   Send what the host requires (GitHub: `User-Agent`, `X-GitHub-Api-Version`).
/// - When `ifNoneMatch` is given, send it as `If-None-Match` and map 304 to `.notModified`;
///   always return the response's `ETag` and rate-limit headers.
/// - Map "statistics are being computed" (GitHub 202) to `.computing`, and a spent budget
///   (403/429 with no remaining requests, or a `Retry-After`) to `.rateLimited`. Do not sleep
///   and retry inside the call; the kernel's jobs do that.
/// - Follow the host's own next-page link or number and put it in the ``CodeHostCursor``;
///   never build page URLs the host did not give.
/// - Report pull requests only as pull requests: drop GitHub `/issues` items that carry a
///   `pull_request` key.
/// - Throw ``PortalError`` `notFound` for a missing or invisible repository (404),
///   `unavailable` when the token is refused (401), and let ``TransportError`` propagate.
/// - Verify webhooks before parsing: GitHub `X-Hub-Signature-256`
///   (``WebhookSignature/verifyGitHub(header:body:secret:)``), GitLab `X-Gitlab-Token`
///   (``WebhookSignature/verifyGitLab(token:secret:)``); a failure throws ``PortalError``
///   `unauthenticated`. Return an empty array for events the port does not model.
/// - Never log tokens or webhook secrets.
///
/// A sample conformance serving one fixed repository (as a test double would):
/// ```swift
/// struct FixedCodeHost: CodeHost {
///     let capabilities = CodeHostCapabilities(
///         name: "fixed", displayName: "Fixed", supportsConditionalRequests: true, providesWeeklyStatistics: false)
///     let repo: CodeHostRepository
///
///     func repository(_ ref: CodeHostRepositoryRef, ifNoneMatch: String?, account: ProviderAccount) async throws
///         -> CodeHostResponse<CodeHostRepository> {
///         guard ref == repo.ref else { throw PortalError.notFound("No such repository.", field: "repository") }
///         return ifNoneMatch == "\"v1\"" ? CodeHostResponse(.notModified, etag: "\"v1\"") : CodeHostResponse(.fresh(repo), etag: "\"v1\"")
///     }
///     func commits(in ref: CodeHostRepositoryRef, query: CodeHostCommitQuery, page: CodeHostPageRequest,
///                  ifNoneMatch: String?, account: ProviderAccount) async throws -> CodeHostResponse<CodeHostPage<CodeHostCommit>> {
///         CodeHostResponse(.fresh(CodeHostPage(items: [])))
///     }
///     // pullRequests, issues and contributorStatistics alike; parseWebhook returns [].
/// }
/// ```
public protocol CodeHost: Sendable {
    /// What the host can do.
    var capabilities: CodeHostCapabilities { get }

    /// Reads a repository's details.
    func repository(_ repository: CodeHostRepositoryRef, ifNoneMatch: String?, account: ProviderAccount) async throws
        -> CodeHostResponse<CodeHostRepository>

    /// Lists commits, newest first.
    func commits(
        in repository: CodeHostRepositoryRef, query: CodeHostCommitQuery, page: CodeHostPageRequest,
        ifNoneMatch: String?, account: ProviderAccount
    ) async throws -> CodeHostResponse<CodeHostPage<CodeHostCommit>>

    /// Lists pull (merge) requests, newest first.
    func pullRequests(
        in repository: CodeHostRepositoryRef, query: CodeHostPullRequestQuery, page: CodeHostPageRequest,
        ifNoneMatch: String?, account: ProviderAccount
    ) async throws -> CodeHostResponse<CodeHostPage<CodeHostPullRequest>>

    /// Lists issues (never pull requests), newest first.
    func issues(
        in repository: CodeHostRepositoryRef, query: CodeHostIssueQuery, page: CodeHostPageRequest,
        ifNoneMatch: String?, account: ProviderAccount
    ) async throws -> CodeHostResponse<CodeHostPage<CodeHostIssue>>

    /// Reads per-contributor totals (and weekly figures where the host has them). May answer
    /// ``CodeHostResponse/Content/computing(retryAfter:)``.
    func contributorStatistics(in repository: CodeHostRepositoryRef, ifNoneMatch: String?, account: ProviderAccount)
        async throws -> CodeHostResponse<[CodeHostContributorStatistics]>

    /// How deliveries like `request` are verified. Must not do I/O. Defaults to
    /// ``CodeHostCapabilities/webhookVerification``.
    func webhookVerification(for request: WebhookRequest) -> WebhookVerification

    /// Verifies a webhook delivery and turns it into events.
    func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [CodeHostEvent]
}

extension CodeHost {
    public func webhookVerification(for request: WebhookRequest) -> WebhookVerification {
        capabilities.webhookVerification
    }

    /// Reads a repository without a cached ETag.
    public func repository(_ repository: CodeHostRepositoryRef, account: ProviderAccount) async throws
        -> CodeHostResponse<CodeHostRepository>
    {
        try await self.repository(repository, ifNoneMatch: nil, account: account)
    }
}

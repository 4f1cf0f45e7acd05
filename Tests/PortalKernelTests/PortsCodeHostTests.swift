import PortalKernel
import Testing

/// A code host serving fixtures: ETags, paging by cursor, 202 statistics, GitHub-style webhooks.
private struct FakeCodeHost: CodeHost {
    let capabilities = CodeHostCapabilities(
        name: "fakehub", displayName: "FakeHub", supportsConditionalRequests: true, providesWeeklyStatistics: true)
    let statisticsReady: Bool
    let commitsFixture = (1...5).map { index in
        CodeHostCommit(sha: "sha\(index)", message: "Commit \(index)\n\nBody", author: CodeHostPerson(login: "dev\(index % 2)"))
    }
    let rateLimit = CodeHostRateLimit(
        limit: 5000, remaining: 4999, used: 1, resetAt: Instant(secondsSinceEpoch: 1_800_000_000), resource: "core")

    func repository(_ repository: CodeHostRepositoryRef, ifNoneMatch: String?, account: ProviderAccount) async throws
        -> CodeHostResponse<CodeHostRepository>
    {
        guard repository.path == "acme/site" else { throw PortalError.notFound("No such repository.", field: "repository") }
        if ifNoneMatch == "\"etag-1\"" { return CodeHostResponse(.notModified, etag: "\"etag-1\"", rateLimit: rateLimit) }
        let info = CodeHostRepository(
            providerID: "1", ref: repository, isPrivate: true, defaultBranch: "main", url: "https://fakehub.test/acme/site")
        return CodeHostResponse(.fresh(info), etag: "\"etag-1\"", rateLimit: rateLimit)
    }

    func commits(
        in repository: CodeHostRepositoryRef, query: CodeHostCommitQuery, page: CodeHostPageRequest,
        ifNoneMatch: String?, account: ProviderAccount
    ) async throws -> CodeHostResponse<CodeHostPage<CodeHostCommit>> {
        let start = Int(page.cursor?.rawValue ?? "0") ?? 0
        let end = min(start + page.size, commitsFixture.count)
        let next = end < commitsFixture.count ? CodeHostCursor(rawValue: String(end)) : nil
        return CodeHostResponse(.fresh(CodeHostPage(items: Array(commitsFixture[start..<end]), next: next)), rateLimit: rateLimit)
    }

    func pullRequests(
        in repository: CodeHostRepositoryRef, query: CodeHostPullRequestQuery, page: CodeHostPageRequest,
        ifNoneMatch: String?, account: ProviderAccount
    ) async throws -> CodeHostResponse<CodeHostPage<CodeHostPullRequest>> {
        CodeHostResponse(
            .rateLimited(resetAt: Instant(secondsSinceEpoch: 1_800_000_000), retryAfter: .seconds(60)),
            rateLimit: CodeHostRateLimit(limit: 5000, remaining: 0))
    }

    func issues(
        in repository: CodeHostRepositoryRef, query: CodeHostIssueQuery, page: CodeHostPageRequest,
        ifNoneMatch: String?, account: ProviderAccount
    ) async throws -> CodeHostResponse<CodeHostPage<CodeHostIssue>> {
        CodeHostResponse(.fresh(CodeHostPage(items: [])))
    }

    func contributorStatistics(in repository: CodeHostRepositoryRef, ifNoneMatch: String?, account: ProviderAccount)
        async throws -> CodeHostResponse<[CodeHostContributorStatistics]>
    {
        guard statisticsReady else { return CodeHostResponse(.computing(retryAfter: .seconds(2))) }
        let week = CodeHostContributorStatistics.Week(
            startingOn: LocalDate(year: 2026, month: 1, day: 4)!, commits: 3, additions: 10, deletions: 2)
        let stats = CodeHostContributorStatistics(
            author: CodeHostPerson(login: "dev1"), commits: 3, additions: 10, deletions: 2, weeks: [week])
        return CodeHostResponse(.fresh([stats]))
    }

    func parseWebhook(_ request: WebhookRequest, account: ProviderAccount) async throws -> [CodeHostEvent] {
        try WebhookSignature.verifyGitHub(
            header: request.header("X-Hub-Signature-256"), body: request.body, secret: try account.secret("webhook_secret"))
        guard request.header("X-GitHub-Event") == "push" else { return [] }
        let push = CodeHostPush(ref: "refs/heads/main", before: "a", after: "b", commits: Array(commitsFixture.prefix(1)))
        return [
            CodeHostEvent(
                deliveryID: request.header("X-GitHub-Delivery"), providerEventType: "push",
                repository: try CodeHostRepositoryRef("acme/site"), payload: .push(push))
        ]
    }
}

@Suite("Code host port")
struct PortsCodeHostTests {
    let account = ProviderAccount(id: "gh", secrets: ["webhook_secret": Secret("gh-secret")])

    @Test("conditional reads: a matching ETag gives notModified, with rate-limit info")
    func conditional() async throws {
        let host = FakeCodeHost(statisticsReady: true)
        let ref = try CodeHostRepositoryRef("acme/site")
        let fresh = try await host.repository(ref, account: account)
        #expect(fresh.value?.defaultBranch == "main")
        #expect(fresh.etag == "\"etag-1\"")
        #expect(fresh.rateLimit?.remaining == 4999)
        let again = try await host.repository(ref, ifNoneMatch: fresh.etag, account: account)
        #expect(again.content == .notModified)
        #expect(again.value == nil)
        let other = try CodeHostRepositoryRef("acme/other")
        await #expect(throws: PortalError.self) { try await host.repository(other, account: account) }
    }

    @Test("paging follows opaque cursors to the end")
    func paging() async throws {
        let host = FakeCodeHost(statisticsReady: true)
        let ref = try CodeHostRepositoryRef("acme/site")
        var page = CodeHostPageRequest(size: 2)
        var shas: [String] = []
        var pages = 0
        while true {
            let response = try await host.commits(
                in: ref, query: CodeHostCommitQuery(), page: page, ifNoneMatch: nil, account: account)
            let fetched = try #require(response.value)
            shas += fetched.items.map(\.sha)
            pages += 1
            guard let next = fetched.next else { break }
            page = CodeHostPageRequest(cursor: next, size: 2)
        }
        #expect(shas == ["sha1", "sha2", "sha3", "sha4", "sha5"])
        #expect(pages == 3)
        #expect(CodeHostPageRequest(size: 1000).size == 100)
    }

    @Test("statistics report computing (202) until ready; rate limits are values")
    func computingAndRateLimits() async throws {
        let ref = try CodeHostRepositoryRef("acme/site")
        let pending = try await FakeCodeHost(statisticsReady: false).contributorStatistics(
            in: ref, ifNoneMatch: nil, account: account)
        guard case .computing(let retryAfter) = pending.content else { Issue.record("got \(pending.content)"); return }
        #expect(retryAfter == .seconds(2))
        let ready = try await FakeCodeHost(statisticsReady: true).contributorStatistics(
            in: ref, ifNoneMatch: nil, account: account)
        #expect(ready.value?.first?.weeks.first?.commits == 3)
        let limited = try await FakeCodeHost(statisticsReady: true).pullRequests(
            in: ref, query: CodeHostPullRequestQuery(state: .all), page: .first, ifNoneMatch: nil, account: account)
        #expect(limited.rateLimit?.isExhausted == true)
        guard case .rateLimited(_, let wait) = limited.content else { Issue.record("got \(limited.content)"); return }
        #expect(wait == .seconds(60))
        #expect(limited.map { $0.items.count }.value == nil)
    }

    @Test("GitHub-style webhooks verify with the reference vector and parse into a push")
    func webhook() async throws {
        let body = Array(#"{"zen":"Keep it logically awesome.","hook_id":1}"#.utf8)
        let headers: HTTPHeaders = [
            "X-GitHub-Event": "push", "X-GitHub-Delivery": "d-1",
            "X-Hub-Signature-256": "sha256=ccfcf8f554fe45b6fffa3e6a32eb13ac37b3a1f337d0bbc97afee1ff38f1c81e",
        ]
        let host = FakeCodeHost(statisticsReady: true)
        let delivery = WebhookRequest(body: body, headers: headers, receivedAt: Instant(secondsSinceEpoch: 0))
        #expect(host.webhookVerification(for: delivery) == .offline)
        let events = try await host.parseWebhook(delivery, account: account)
        guard case .push(let push) = events.first?.payload else { Issue.record("got \(events)"); return }
        #expect(push.branch == "main" && push.tag == nil)
        #expect(events.first?.deliveryID == "d-1")
        let wrongSecret = ProviderAccount(id: "gh", secrets: ["webhook_secret": Secret("other")])
        await #expect(throws: PortalError.self) { try await host.parseWebhook(delivery, account: wrongSecret) }
    }

    @Test("repository references: namespaces, names and rejects", arguments: ["", "/", "a//b", "a b/c", "acme/"])
    func refs(bad: String) throws {
        let ref = try CodeHostRepositoryRef("group/sub/project")
        #expect(ref.namespace == "group/sub" && ref.name == "project")
        #expect(try CodeHostRepositoryRef("12345").namespace == "")
        let error = #expect(throws: PortalError.self) { try CodeHostRepositoryRef(bad) }
        #expect(error?.field == "repository")
    }
}

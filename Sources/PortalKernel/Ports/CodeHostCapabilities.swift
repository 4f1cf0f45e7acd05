/// What a code host plugin can do, as data.
public struct CodeHostCapabilities: Sendable, Hashable, Codable {
    /// The plugin's configuration name (`"github"`, `"gitlab"`).
    public var name: String
    /// The name shown to people.
    public var displayName: String
    /// Whether reads honour `ifNoneMatch` and can answer ``CodeHostResponse/Content/notModified``.
    public var supportsConditionalRequests: Bool
    /// Whether ``CodeHostContributorStatistics/weeks`` is filled in.
    public var providesWeeklyStatistics: Bool
    /// How webhooks prove they come from the host.
    public var webhookVerification: WebhookVerification

    public init(
        name: String, displayName: String, supportsConditionalRequests: Bool, providesWeeklyStatistics: Bool,
        webhookVerification: WebhookVerification = .offline
    ) {
        self.name = name
        self.displayName = displayName
        self.supportsConditionalRequests = supportsConditionalRequests
        self.providesWeeklyStatistics = providesWeeklyStatistics
        self.webhookVerification = webhookVerification
    }
}

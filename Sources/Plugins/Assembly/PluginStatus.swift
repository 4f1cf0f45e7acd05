import PortalKernel

/// Whether a registered plugin is in use, for `portal-cli plugins` and `/readyz` details.
public struct PluginStatus: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Selected by the configuration and fully configured.
        case active
        /// Registered but not selected.
        case available
        /// Selected, but required settings are missing.
        case misconfigured
    }

    public let name: String
    public let port: PortKind
    public let state: State
    public let summary: String
    /// Required settings without a value, by full key.
    public let missingSettings: [String]
    /// Every setting the plugin reads, by full key.
    public let settings: [String]
}

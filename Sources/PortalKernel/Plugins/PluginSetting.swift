/// One configuration key a plugin reads.
///
/// Keys are relative to the plugin's namespace: a setting `secret_key` of the plugin `stripe`
/// is `plugins.stripe.secret_key` in the configuration file and `PORTAL_PLUGINS_STRIPE_SECRET_KEY`
/// in the environment. A secret setting is never accepted inline in the configuration file or
/// on the command line: it comes from the environment, or from a file named by the
/// `<key>_file` setting (e.g. `plugins.stripe.secret_key_file`).
public struct PluginSetting: Sendable, Hashable {
    /// The key within the plugin's namespace (`secret_key`).
    public let key: String
    /// One line for `portal-cli config` and the docs.
    public let summary: String
    /// Whether the plugin cannot be built without it.
    public let isRequired: Bool
    /// Whether the value is a secret: never taken from the configuration file or the command line.
    public let isSecret: Bool
    /// The value used when none is configured.
    public let defaultValue: String?

    public init(_ key: String, summary: String, required: Bool = false, secret: Bool = false, default defaultValue: String? = nil) {
        self.key = key
        self.summary = summary
        self.isRequired = required
        self.isSecret = secret
        self.defaultValue = defaultValue
    }
}

/// The values of a plugin's settings, with typed accessors that fail with `invalid` naming the
/// full configuration key.
public struct PluginSettings: Sendable, Hashable {
    /// The namespace the keys live under (`plugins.stripe`, `database`).
    public let namespace: String
    private let values: [String: String]

    public init(namespace: String, values: [String: String]) {
        self.namespace = namespace
        self.values = values
    }

    /// The full configuration key for `key`.
    public func fullKey(_ key: String) -> String { "\(namespace).\(key)" }

    /// The raw value of `key`, if set.
    public func string(_ key: String) -> String? { values[key] }

    /// The value of `key`; `invalid` naming the full key when it is missing or empty.
    public func requireString(_ key: String) throws -> String {
        guard let value = values[key], !value.isEmpty else {
            throw PortalError.invalid("The setting is required.", field: fullKey(key))
        }
        return value
    }

    /// `key` as a whole number within `range`, or `fallback` when unset; `invalid` naming the key otherwise.
    public func int(_ key: String, default fallback: Int, range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        guard let text = values[key] else { return fallback }
        guard let value = Int(text.trimmingWhitespace()), range.contains(value) else {
            throw PortalError.invalid("Expected a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'.", field: fullKey(key))
        }
        return value
    }

    /// `key` as true/false (also yes/no, on/off, 1/0), or `fallback` when unset.
    public func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let text = values[key] else { return fallback }
        switch text.trimmingWhitespace().lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw PortalError.invalid("Expected true or false, got '\(text)'.", field: fullKey(key))
        }
    }

    /// A duration given in milliseconds.
    public func milliseconds(_ key: String, default fallback: Duration) throws -> Duration {
        guard values[key] != nil else { return fallback }
        return .milliseconds(try int(key, default: 0, range: 0...Int(Int32.max)))
    }

    /// Keys that have a value.
    public var keys: [String] { values.keys.sorted() }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

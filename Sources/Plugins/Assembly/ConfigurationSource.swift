import Foundation
import PortalKernel

/// Reads configuration from a JSON file and the environment into flat dotted keys.
///
/// Precedence, lowest first: built-in defaults, the file, the environment (`PORTAL_…`), then
/// explicit overrides (command-line options such as `--database`). A key the file does not
/// know fails at start with `invalid` naming it, so a typo never silently falls back to a
/// default. Secret keys are refused inline in the file and as overrides: they come from the
/// environment or from a file named by `<key>_file`.
///
/// ```json
/// { "database": { "url": "postgres://portal@db/portal?sslmode=require" },
///   "http": { "port": 8080 },
///   "secrets": { "keys_file": "/etc/portal/secret.keys" } }
/// ```
public struct ConfigurationSource: Sendable {
    /// Where each known key came from, for `portal-cli config`.
    public enum Origin: String, Sendable, Codable { case `default`, file, environment, override, secretFile = "secret_file" }

    public private(set) var values: [String: String] = [:]
    public private(set) var origins: [String: Origin] = [:]
    /// The configuration file read, if any.
    public let filePath: String?

    /// Loads configuration.
    /// - Parameters:
    ///   - filePath: an explicit file (`--config`); when `nil`, `PORTAL_CONFIG` or `./portal.json` if it exists.
    ///   - environment: the process environment.
    ///   - overrides: values from the command line (never secrets).
    ///   - knownKeys: every accepted key (core keys and plugin settings) with whether it is secret.
    public init(
        filePath: String?, environment: [String: String], overrides: [String: String] = [:],
        knownKeys: [String: Bool], defaults: [String: String]
    ) throws {
        let chosenPath = filePath ?? environment["PORTAL_CONFIG"] ?? (FileManager.default.fileExists(atPath: "portal.json") ? "portal.json" : nil)
        self.filePath = chosenPath
        for (key, value) in defaults {
            values[key] = value
            origins[key] = .default
        }
        if let chosenPath {
            for (key, value) in try Self.readFile(chosenPath) {
                let base = key.hasSuffix("_file") ? String(key.dropLast(5)) : key
                if knownKeys[key] == nil, !(key.hasSuffix("_file") && knownKeys[base] == true) {
                    throw PortalError.invalid("Unknown configuration key in \(chosenPath).", field: key)
                }
                if knownKeys[key] == true {
                    throw PortalError.invalid(
                        "Secrets are not written in the configuration file; set \(ConfigurationKey.environmentName(for: key)) or \(key)_file.",
                        field: key)
                }
                values[key] = value
                origins[key] = .file
            }
        }
        for (key, _) in knownKeys {
            if let value = environment[ConfigurationKey.environmentName(for: key)] {
                values[key] = value
                origins[key] = .environment
            }
            if let path = environment[ConfigurationKey.environmentName(for: key + "_file")] {
                values[key + "_file"] = path
            }
        }
        for (key, value) in overrides {
            guard let secret = knownKeys[key] else { throw PortalError.invalid("Unknown configuration key.", field: key) }
            guard !secret else { throw PortalError.invalid("Secrets are never taken from the command line.", field: key) }
            values[key] = value
            origins[key] = .override
        }
        try resolveSecretFiles(knownKeys: knownKeys)
    }

    /// Sets `key` to `value` when nothing configured it, as a default derived from other values.
    mutating func setDerivedDefault(_ key: String, _ value: String) {
        guard values[key] == nil else { return }
        values[key] = value
        origins[key] = .default
    }

    /// The value of `key`, if set.
    public subscript(key: String) -> String? { values[key] }

    /// Values under `namespace.` with the prefix removed.
    public func values(under namespace: String) -> [String: String] {
        let prefix = namespace + "."
        var out: [String: String] = [:]
        for (key, value) in values where key.hasPrefix(prefix) {
            out[String(key.dropFirst(prefix.count))] = value
        }
        return out
    }

    private mutating func resolveSecretFiles(knownKeys: [String: Bool]) throws {
        for (key, secret) in knownKeys where secret {
            guard let path = values[key + "_file"] else { continue }
            values[key + "_file"] = nil
            guard values[key] == nil || origins[key] == .default else { continue }  // the environment wins
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PortalError.invalid("Cannot read the secret file '\(path)'.", field: key + "_file")
            }
            values[key] = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            origins[key] = .secretFile
        }
    }

    static func readFile(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PortalError.invalid("Cannot read the configuration file '\(path)'.", field: "config")
        }
        guard let root = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw PortalError.invalid("The configuration file '\(path)' is not valid JSON.", field: "config")
        }
        guard case .object(let object) = root else {
            throw PortalError.invalid("The configuration file must hold a JSON object.", field: "config")
        }
        var flat: [String: String] = [:]
        try flatten(object, prefix: "", into: &flat)
        return flat
    }

    private static func flatten(_ object: [String: JSONValue], prefix: String, into flat: inout [String: String]) throws {
        for (name, value) in object {
            let key = prefix.isEmpty ? name : "\(prefix).\(name)"
            switch value {
            case .object(let nested): try flatten(nested, prefix: key, into: &flat)
            case .array(let list):
                flat[key] = try list.map { item in
                    guard let text = item.scalarText else {
                        throw PortalError.invalid("Expected a list of strings, numbers or booleans.", field: key)
                    }
                    return text
                }.joined(separator: ",")
            case .null: continue
            default: flat[key] = value.scalarText
            }
        }
    }
}

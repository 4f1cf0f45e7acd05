/// The plugins a process knows about, by name.
///
/// The assembly starts from a registry holding the built-in plugins and builds the ones the
/// configuration selects; an embedder adds its own with ``register(_:)``:
///
/// ```swift
/// var registry = BuiltInPlugins.registry()   // from PortalAssembly
/// try registry.register(MyGateway.plugin)
/// ```
public struct PluginRegistry: Sendable {
    private var byName: [String: Plugin] = [:]

    public init() {}

    public init(_ plugins: [Plugin]) throws {
        for plugin in plugins { try register(plugin) }
    }

    /// Adds `plugin`. Names are unique; registering a name twice is a `conflict`.
    public mutating func register(_ plugin: Plugin) throws {
        guard Self.isValidName(plugin.name) else {
            throw PortalError.invalid(
                "Plugin names are lowercase letters, digits and '-', starting with a letter; got '\(plugin.name)'.",
                field: "name")
        }
        guard byName[plugin.name] == nil else {
            throw PortalError.conflict("A plugin named '\(plugin.name)' is already registered.", field: "name")
        }
        byName[plugin.name] = plugin
    }

    /// The plugin registered as `name`, if any.
    public func plugin(named name: String) -> Plugin? { byName[name] }

    /// Every plugin, by port then name.
    public var all: [Plugin] { byName.values.sorted { ($0.port, $0.name) < ($1.port, $1.name) } }

    /// The plugins implementing `port`, by name.
    public func plugins(for port: PortKind) -> [Plugin] { all.filter { $0.port == port } }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 40 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

import ArgumentParser

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "A JSON configuration file (default: PORTAL_CONFIG, or ./portal.json when present).")
    public var config: String?

    @Option(name: .long, help: "The database URL: sqlite:PATH or postgres://… (overrides database.url).")
    public var database: String?

    @Flag(name: .long, help: "Print stable JSON instead of tables.")
    public var json = false

    public init() {}

    /// These options with any value left unset here taken from `outer` (the options given
    /// before the subcommand).
    func merged(over outer: GlobalOptions) -> GlobalOptions {
        var merged = self
        merged.config = config ?? outer.config
        merged.database = database ?? outer.database
        merged.json = json || outer.json
        return merged
    }

    /// Command-line values that override configuration keys.
    var overrides: [String: String] {
        var values: [String: String] = [:]
        if let database { values["database.url"] = database }
        return values
    }
}

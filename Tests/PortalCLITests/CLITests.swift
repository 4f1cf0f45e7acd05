import Foundation
import PortalKernel
import PortalTesting
import Testing

@Suite("portal-cli")
struct CLITests {
    let folder: String
    let cli: CLIRunner

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite"])
    }

    struct MigrationReport: Decodable {
        let database: String
        let applied: [String]
        let pending: [String]
    }

    @Test("migrate applies the schema once, and --status reports it")
    func migrate() throws {
        let first = try cli.run("migrate")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied 0001_jobs"))
        let second = try cli.run("migrate")
        #expect(second.stdout.contains("up to date"))
        let status = try cli.run("migrate", "--status", "--json")
        let report = try JSONDecoder().decode(MigrationReport.self, from: Data(status.stdout.utf8))
        #expect(report.applied == PortalSchema.migrations.map(\.id))
        #expect(report.pending.isEmpty)
    }

    @Test("--database points a command at another database, before or after the subcommand")
    func databaseOption() throws {
        let other = "sqlite:\(folder)/other.sqlite"
        let result = try cli.run("--database", other, "migrate")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(folder)/other.sqlite"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/other.sqlite"))
        let after = try cli.run("migrate", "--database", other)
        #expect(after.stdout.contains("\(folder)/other.sqlite: up to date"))
    }

    struct PluginRow: Decodable {
        let name: String
        let port: String
        let state: String
    }

    @Test("plugins lists every plugin with its port and state, as a table or JSON")
    func plugins() throws {
        let table = try cli.run("plugins")
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("PLUGIN"))
        #expect(table.stdout.contains("sqlite"))
        let json = try cli.run("plugins", "--json")
        let rows = try JSONDecoder().decode([PluginRow].self, from: Data(json.stdout.utf8))
        let states = Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0.state) })
        #expect(states["sqlite"] == "active")
        #expect(states["postgres"] == "available")
        #expect(rows.first { $0.name == "curl" }?.port == "http_transport")
    }

    @Test("backup copies the database with the online backup API and never overwrites")
    func backup() throws {
        #expect(try cli.run("migrate").status == 0)
        let target = "\(folder)/backup.sqlite"
        let result = try cli.run("backup", "--to", target)
        #expect(result.status == 0, "\(result.stderr)")
        let header = try Data(contentsOf: URL(fileURLWithPath: target)).prefix(15)
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3")
        let restored = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(target)"])
        let restoredStatus = try restored.run("migrate", "--status", "--json")
        let report = try JSONDecoder().decode(MigrationReport.self, from: Data(restoredStatus.stdout.utf8))
        #expect(report.applied == PortalSchema.migrations.map(\.id), "the copy holds the migrated schema")
        let again = try cli.run("backup", "--to", target)
        #expect(again.status == 4)
    }

    @Test("jobs list, retry and work")
    func jobs() throws {
        #expect(try cli.run("migrate").status == 0)
        let list = try cli.run("jobs", "list", "--json")
        #expect(list.status == 0)
        #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.stdout.contains("[]"))
        let missing = try cli.run("jobs", "retry", "01890a5d-ac96-774b-bcce-b302099a8057")
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("not_found"))
        let malformed = try cli.run("jobs", "retry", "not-a-uuid", "--json")
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains(#""field":"id""#))
        let badCursor = try cli.run("jobs", "list", "--after", "nope")
        #expect(badCursor.status == 2)
        #expect(badCursor.stderr.contains("(after)"))
        let badStatus = try cli.run("jobs", "list", "--status", "sleeping")
        #expect(badStatus.status == 64)
        let work = try cli.run("jobs", "work", "--once", "--json")
        #expect(work.status == 0)
        #expect(work.stdout.contains(#""ran" : 0"#))
    }

    @Test("invalid configuration exits 2 and names the key, as text or as the JSON error shape")
    func invalidConfiguration() throws {
        let broken = CLIRunner(environment: cli.environment.merging(["PORTAL_HTTP_PORT": "eighty"]) { _, new in new })
        let text = try broken.run("plugins")
        #expect(text.status == 2)
        #expect(text.stderr.contains("http.port"))
        let json = try broken.run("plugins", "--json")
        #expect(json.status == 2)
        #expect(json.stderr.contains(#""code":"invalid""#))
        #expect(json.stderr.contains(#""field":"http.port""#))
    }

    @Test("config shows where values come from and hides secrets")
    func config() throws {
        let withSecret = CLIRunner(environment: cli.environment.merging(["PORTAL_SECRETS_KEYS": "k1:c2VjcmV0"]) { _, new in new })
        let result = try withSecret.run("config")
        #expect(result.status == 0)
        #expect(result.stdout.contains("database.url"))
        #expect(result.stdout.contains("(set, hidden)"))
        #expect(!result.stdout.contains("c2VjcmV0"))
    }

    @Test("the same commands work against PostgreSQL")
    func postgres() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let keys = "k1:" + Data(repeating: 1, count: 32).base64EncodedString()
        let pg = CLIRunner(environment: ["PORTAL_SECRETS_KEYS": keys])
        let result = try pg.run("--database", url, "migrate")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("applied 0001_jobs"))
        #expect(!result.stdout.contains("sqlite"))
        let again = try pg.run("migrate", "--database", url)
        #expect(again.stdout.contains("up to date"), "options may also follow the subcommand")
        let jobs = try pg.run("jobs", "list", "--database", url, "--json")
        #expect(jobs.status == 0)
        let backup = try pg.run("backup", "--to", "\(folder)/pg.sqlite", "--database", url)
        #expect(backup.status == 2)
        #expect(backup.stderr.contains("pg_dump"))
    }
}

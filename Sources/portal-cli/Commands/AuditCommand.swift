import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli audit list|verify`: the tenants' hash-chained audit trails.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read a tenant's audit trail and verify the audit chains.",
        subcommands: [List.self, Verify.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's audit events, newest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only events about this kind of resource (company, user, invitation…).", valueName: "type"))
        var resourceType: String?

        @Option(help: ArgumentHelp("Only events about the resource with this id.", valueName: "id"))
        var resourceId: String?

        @Option(help: ArgumentHelp("Only events by this actor: a user id, an operator name or a label (user:ana@example.com).", valueName: "actor"))
        var actor: String?

        @Option(help: ArgumentHelp("Only events with this action (company.created).", valueName: "action"))
        var action: String?

        @Option(help: ArgumentHelp("Only events from this instant on (ISO 8601: 2026-11-21T08:00:00Z).", valueName: "instant"))
        var since: String?

        @Option(help: ArgumentHelp("Only events before this instant (ISO 8601).", valueName: "instant"))
        var until: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let filter = AuditFilter(
                    resourceType: resourceType, resourceId: resourceId, actor: actor, action: action,
                    since: try since.map { try Self.instant($0, field: "since") },
                    until: try until.map { try Self.instant($0, field: "until") })
                let events = try await assembled.portal.identity.auditLog.list(filter, page: try page.request, by: scope.principal)
                session.output.emit(page: events) {
                    Table(
                        headers: ["SEQ", "AT", "ACTOR", "ACTION", "RESOURCE", "CHANGED"],
                        rows: events.items.map { event in
                            [String(event.sequence), event.occurredAt.shortText, event.actorLabel, event.action,
                             "\(event.resourceType) \(event.resourceId)", Self.fields(event.changes.keys.sorted())]
                        })
                }
            }
        }

        /// The changed fields, cut short for a table (`--json` has them all, with their values).
        static func fields(_ names: [String]) -> String {
            let text = names.joined(separator: ",")
            return text.count > 48 ? text.prefix(47) + "…" : text
        }

        /// An ISO 8601 instant, or a date (`2026-11-21`, meaning its start in UTC).
        static func instant(_ text: String, field: String) throws -> Instant {
            if let instant = Instant(iso8601: text) ?? Instant(iso8601: text + "T00:00:00Z") { return instant }
            throw PortalError.invalid("\(field) must be an ISO 8601 instant such as 2026-11-21T08:00:00Z.", field: field)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit chains and report the first broken link of each.",
            discussion: """
                Checks one tenant with --tenant, else every tenant. Exits 0 when every chain is intact and \
                \(ExitStatus.auditChainBroken) when any is broken (an event altered, inserted or removed).
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand

        @Option(help: ArgumentHelp("Only this tenant's chain (default: every tenant).", valueName: "slug"))
        var tenant: String?

        struct Report: Encodable {
            let tenant: String
            let tenantId: TenantID
            let intact: Bool
            let eventsChecked: Int64
            let firstBreak: AuditChainBreak?
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            var broken = false
            try await session.withPortal { assembled, _ in
                let portal = assembled.portal
                let results: [AuditVerification]
                var slugs: [TenantID: String] = [:]
                if let tenant {
                    let scope = try await OperatorScope.resolve(slug: tenant, in: portal)
                    slugs[scope.tenant.id] = scope.tenant.slug
                    results = [try await AuditVerifier.verify(tenant: scope.tenant.id, on: portal.database)]
                } else {
                    for tenant in try await portal.identity.tenants.all() { slugs[tenant.id] = tenant.slug }
                    results = try await AuditVerifier.verifyAll(on: portal.database)
                }
                let reports = results.map { result in
                    Report(
                        tenant: slugs[result.tenantId] ?? result.tenantId.uuidString, tenantId: result.tenantId,
                        intact: result.isIntact, eventsChecked: result.eventsChecked, firstBreak: result.firstBreak)
                }.sorted { $0.tenant < $1.tenant }
                broken = reports.contains { !$0.intact }
                session.output.emit(reports) {
                    guard !reports.isEmpty else { return "No tenants to verify." }
                    let width = reports.map(\.tenant.count).max() ?? 0
                    return reports.map { report in
                        let padded = report.tenant + String(repeating: " ", count: width - report.tenant.count)
                        guard let link = report.firstBreak else { return "\(padded)  intact (\(report.eventsChecked) events)" }
                        let event = link.eventId.map { "event \($0)" } ?? "no event"
                        return "\(padded)  BROKEN at sequence \(link.sequence) (\(event)): \(link.reason)"
                    }.joined(separator: "\n")
                }
            }
            if broken {
                session.output.error(PortalError(
                    ExitStatus.auditChainBrokenCode, "An audit chain is broken: events were altered, inserted or removed."))
                throw ExitCode(ExitStatus.auditChainBroken)
            }
        }
    }
}

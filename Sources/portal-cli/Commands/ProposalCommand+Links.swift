import ArgumentParser
import PortalAssembly
import PortalKernel

/// Shareable read-only links to a proposal's portal view, for people who do not sign in.
extension ProposalCommand {
    struct Share: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a read-only link to the proposal's portal view; prints its URL and token once.",
            discussion: "The token is not stored and cannot be shown again: copy it now. Revoke it with proposal revoke-link.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        @Option(help: ArgumentHelp("Days until the link expires (1-\(PortalLinks.maximumDays), default 30).", valueName: "days"))
        var days: Int?

        func run() async throws {
            try await perform { tenant in
                try await tenant.engagements.portalLinks.create(for: try tenant.proposal(id).id, days: days, by: tenant.principal)
            } message: { grant in
                """
                Created portal link \(grant.link.id), expires \(grant.link.expiresAt.shortText).
                URL:   \(grant.url)
                Token: \(grant.token)
                (shown only now)
                """
            }
        }
    }

    struct Links: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List the proposal's portal links, newest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        func run() async throws {
            try await withTenant { tenant in
                let links = try await tenant.engagements.portalLinks.list(for: try tenant.proposal(id).id, by: tenant.principal)
                let now = tenant.engagements.context.clock.now()
                tenant.output.emit(links) {
                    Table(
                        headers: ["STATE", "CREATED", "BY", "EXPIRES", "REVOKED", "ID"],
                        rows: links.map { link in
                            let state = link.revokedAt != nil ? "revoked" : link.expiresAt <= now ? "expired" : "active"
                            return [state, link.createdAt.shortText, link.createdBy, link.expiresAt.shortText,
                                    link.revokedAt.map { $0.shortText + (link.revokedBy.map { " by \($0)" } ?? "") }.cell,
                                    link.id.uuidString]
                        })
                }
            }
        }
    }

    struct RevokeLink: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-link", abstract: "Revoke a portal link at once; revoking it again changes nothing.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        @Argument(help: ArgumentHelp("The link's id (see proposal links).", valueName: "link"))
        var link: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.engagements.portalLinks.revoke(
                    try PortalLinkID(parsing: link, field: "link_id"), of: try tenant.proposal(id).id, by: tenant.principal)
            } message: { "Revoked portal link \($0.id)." }
        }
    }
}

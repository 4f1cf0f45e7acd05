import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli invite create|list|resend|revoke`: invitations to become a company's user.
struct InviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Invite people to become a company's users; list, resend and revoke invitations.",
        subcommands: [Create.self, List.self, Resend.self, Revoke.self])

    /// What `create` and `resend` print: the invitation and its link, which holds the only copy of its token.
    struct Issued: Encodable {
        let invitation: Invitation
        let acceptUrl: String
        let warning: String

        init(_ issued: IssuedInvitation) {
            invitation = issued.invitation
            acceptUrl = issued.acceptURL
            warning = "The link is shown only once (it was also emailed); it works once and expires \(issued.invitation.expiresAt.shortText)."
        }

        func text(_ headline: String) -> String {
            "\(headline)\n\(acceptUrl)\n\(warning)"
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite someone to a company; the invitation email is queued and its link printed once.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company's id or account number.", valueName: "id-or-account-number"))
        var company: String

        @Option(help: "The invitee's email address (taken from --contact when absent).")
        var email: String?

        @Option(help: "owner, admin, billing, viewer or developer.")
        var role: String

        @Option(help: "The invitee's name, proposed when they accept.")
        var name: String?

        @Option(help: ArgumentHelp("A contact of the company (id) to invite; linked to the user on acceptance.", valueName: "id"))
        var contact: String?

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let identity = assembled.portal.identity
                let target = try await CompanyReference.resolve(company, field: "company", in: identity.companies, by: scope.principal)
                let issued = try await identity.invitations.create(
                    NewInvitation(email: email, name: name, role: role, contactId: contact), company: target.id, by: scope.principal)
                let report = Issued(issued)
                let invitation = issued.invitation
                session.output.message(
                    report.text(
                        "Invited \(invitation.email) to \(target.name) as \(invitation.role.rawValue), invitation \(invitation.id)."),
                    json: report)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a company's invitations, newest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company's id or account number.", valueName: "id-or-account-number"))
        var company: String

        @Option(help: "Only invitations in this state: pending, accepted, revoked or expired.")
        var status: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let identity = assembled.portal.identity
                let state = try InputValidation.choice(status, as: InvitationStatus.self, field: "status")
                let target = try await CompanyReference.resolve(company, field: "company", in: identity.companies, by: scope.principal)
                let invitations = try await identity.invitations
                    .list(company: target.id, status: state, page: try page.request, by: scope.principal)
                session.output.emit(page: invitations) {
                    Table(
                        headers: ["EMAIL", "ROLE", "STATUS", "SENT", "EXPIRES", "INVITED BY", "ID"],
                        rows: invitations.items.map { invitation in
                            [invitation.email, invitation.role.rawValue, invitation.status.rawValue,
                             "\(invitation.lastSentAt.shortText) (\(invitation.sentCount)x)", invitation.expiresAt.shortText,
                             invitation.invitedByLabel, invitation.id.uuidString]
                        })
                }
            }
        }
    }

    struct Resend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a pending or expired invitation again, with a new link (the old one stops working).")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The invitation's id (see `invite list`).")
        var id: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let identity = assembled.portal.identity
                let issued = try await identity.invitations
                    .resend(try InvitationID(parsing: id, field: "id"), by: scope.principal)
                let report = Issued(issued)
                session.output.message(
                    report.text("Sent invitation \(issued.invitation.id) to \(issued.invitation.email) again."), json: report)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a pending invitation: its link stops working.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The invitation's id (see `invite list`).")
        var id: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let invitation = try await assembled.portal.identity.invitations
                    .revoke(try InvitationID(parsing: id, field: "id"), by: scope.principal)
                session.output.message("Revoked the invitation of \(invitation.email) (\(invitation.id)).", json: invitation)
            }
        }
    }
}

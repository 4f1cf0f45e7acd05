/// The email that carries an invitation link, queued in the outbox by ``Invitations``.
enum InvitationEmail {
    /// Composes the email for `invitation` with the link for `token` and enqueues it on
    /// `connection`. The message key (`invitation:<id>:<sent_count>`) makes each sending unique.
    static func enqueue(
        _ invitation: Invitation, token: OpaqueToken, company: Company, context: IdentityContext, on connection: any SQLConnection
    ) throws {
        let tenant = try Tenants.load(invitation.tenantId, on: connection)
        let inviter = try invitation.invitedBy.flatMap {
            try connection.queryScalar("SELECT name FROM users WHERE tenant_id = \(invitation.tenantId) AND id = \($0)", as: String.self)
        }
        let message = message(
            for: invitation, link: link(token: token, publicURL: context.settings.publicURL), companyName: company.name,
            tenant: tenant, inviterName: inviter, from: context.settings.emailFrom)
        try OutgoingEmail.enqueue(message, tenant: invitation.tenantId, secretBox: context.secretBox, jobs: context.jobs, on: connection)
    }

    /// The acceptance link: `<public URL>/invitations/accept?token=<token>` (tokens are URL-safe).
    static func link(token: OpaqueToken, publicURL: String) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/invitations/accept?token=\(token.value)"
    }

    static func message(
        for invitation: Invitation, link: String, companyName: String, tenant: Tenant, inviterName: String?, from: MailerAddress
    ) -> MailerMessage {
        let greeting = invitation.name.map { "Hello \($0)," } ?? "Hello,"
        let who = inviterName ?? tenant.name
        let expiry = tenant.timeZone.localDate(of: invitation.expiresAt)
        let text = """
            \(greeting)

            \(who) invited you to join \(companyName) on \(tenant.name)'s portal as \(article(invitation.role)) \(invitation.role.rawValue).

            Accept the invitation here:
            \(link)

            The link works once and expires on \(expiry) (\(tenant.timeZone)). If you did not expect this \
            invitation, you can ignore this email.
            """
        return MailerMessage(
            messageKey: "invitation:\(invitation.id.uuidString):\(invitation.sentCount)", from: from,
            to: [MailerAddress(invitation.email, name: invitation.name)],
            subject: "You are invited to join \(companyName) on \(tenant.name)", text: text, tags: ["invitation"])
    }

    private static func article(_ role: CompanyRole) -> String {
        role == .owner || role == .admin ? "an" : "a"
    }
}

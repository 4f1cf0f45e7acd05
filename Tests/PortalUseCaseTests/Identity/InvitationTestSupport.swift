import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// Helpers for the invitation and membership tests (the fixture is in `IdentityFixture.swift`).
extension IdentityFixture {
    /// Inserts a contact of `company` directly (the contacts use case is tested on its own).
    func insertContact(of company: CompanyID, name: String, email: String?) async throws -> ContactID {
        let now = clock.now()
        let id = ContactID.generate(at: now)
        try await database.write(.tenant(tenant.id)) { [tenant] connection in
            try connection.execute(
                """
                INSERT INTO contacts (id, tenant_id, company_id, name, email, created_at, updated_at)
                VALUES (\(id), \(tenant.id), \(company), \(name), \(email), \(now), \(now))
                """)
        }
        return id
    }

    /// The queued invitation emails, opened, in the order they were queued.
    func invitationEmails() async throws -> [MailerMessage] {
        try await queuedEmails().map(\.message).filter { $0.tags.contains("invitation") }
    }

    /// Row counts of everything an invitation or membership use case may write.
    func writtenRows() async throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for table in ["invitations", "users", "company_memberships", "contacts", "jobs", "audit_events"] {
            counts[table] = try await count(table)
        }
        return counts
    }

    /// The membership of `user` in `company`, read directly.
    func membership(of user: UserID, in company: CompanyID) async throws -> CompanyMembership? {
        try await query(
            "SELECT * FROM company_memberships WHERE company_id = \(company) AND user_id = \(user)"
        ).first.map(CompanyMembership.init(row:))
    }
}

/// The token in an invitation email's acceptance link.
func invitationToken(in message: MailerMessage) -> String? {
    guard let text = message.text, let range = text.range(of: "/invitations/accept?token=") else { return nil }
    return String(text[range.upperBound...].prefix { !$0.isWhitespace })
}

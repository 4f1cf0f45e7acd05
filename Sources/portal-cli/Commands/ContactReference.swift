import Foundation
import PortalKernel

/// Finds a contact from what an operator types: its id or its email address
/// (`johan@karoo-coffee.example`, compared case-insensitively).
enum ContactReference {
    /// The contact `text` names, if the principal may read it; within `company` when given.
    ///
    /// - Throws: `not_found` on `field` when no contact matches; `invalid` on `field` when an
    ///   email matches contacts of several companies (name the contact by id, or give the company).
    static func resolve(
        _ text: String, company: CompanyID? = nil, field: String, in contacts: Contacts, by principal: Principal
    ) async throws -> Contact {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = ContactID(trimmed) {
            do {
                return try await contacts.get(id, by: principal)
            } catch var error as PortalError where error.code == .notFound {
                error.field = field
                throw error
            }
        }
        let key = trimmed.lowercased()
        var matches: [Contact] = []
        if trimmed.contains("@") {
            var request = try PageRequest(limit: PageRequest.maximumLimit)
            while true {
                let page = try await contacts.list(ContactListOptions(search: trimmed), company: company, page: request, by: principal)
                matches += page.items.filter { $0.email?.lowercased() == key }
                guard let next = page.nextCursor else { break }
                request.cursor = next
            }
        }
        guard let first = matches.first else {
            throw PortalError.notFound("No contact has the id or email '\(trimmed.prefix(64))'.", field: field)
        }
        guard matches.count == 1 else {
            throw PortalError.invalid(
                "\(matches.count) contacts have the email \(trimmed); name the contact by its id.", field: field)
        }
        return first
    }
}

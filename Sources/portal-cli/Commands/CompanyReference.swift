import Foundation
import PortalKernel

/// Finds a company from what an operator types: its id or its account number (`CT-2026-00017`).
enum CompanyReference {
    /// The company `text` names, if the principal may read it; `not_found` on `field` otherwise.
    static func resolve(_ text: String, field: String, in companies: Companies, by principal: Principal) async throws -> Company {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = CompanyID(trimmed) {
            do {
                return try await companies.get(id, by: principal)
            } catch var error as PortalError where error.code == .notFound {
                error.field = field
                throw error
            }
        }
        let number = trimmed.uppercased()
        if !number.isEmpty {
            let page = try await companies.list(
                CompanyListOptions(search: trimmed), page: try PageRequest(limit: PageRequest.maximumLimit), by: principal)
            if let company = page.items.first(where: { $0.accountNumber.uppercased() == number }) { return company }
        }
        throw PortalError.notFound("No company has the id or account number '\(trimmed.prefix(64))'.", field: field)
    }
}

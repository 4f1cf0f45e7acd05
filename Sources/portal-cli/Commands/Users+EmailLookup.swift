import PortalKernel

extension Users {
    /// The user of the principal's tenant with this email (compared case-insensitively);
    /// `not_found` on `field` when there is none.
    func find(email: String, field: String, by principal: Principal) async throws -> User {
        let address = try InputValidation.email(email, field: field)
        let key = InputValidation.emailKey(address)
        var request = try PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let page = try await list(UserListOptions(search: key), page: request, by: principal)
            if let user = page.items.first(where: { InputValidation.emailKey($0.email) == key }) { return user }
            guard let next = page.nextCursor else { break }
            request.cursor = next
        }
        throw PortalError.notFound("No user has the email \(address).", field: field)
    }
}

import PortalKernel

/// A company as `label: value` lines, for `company show` and `company update`.
struct CompanyDetails {
    let company: Company

    init(_ company: Company) {
        self.company = company
    }

    var rendered: String {
        let address = company.billingAddress.map { address in
            [address.line1, address.line2, address.city, address.region, address.postalCode, address.country]
                .compactMap(\.self).joined(separator: ", ")
        }
        let lines: [(String, String)] = [
            ("Account", company.accountNumber), ("Name", company.name), ("ID", company.id.uuidString),
            ("Status", company.status.rawValue), ("Type", company.type.rawValue),
            ("Discount", company.discount == 0 ? "none" : company.discount.description),
            ("Industry", company.industry.cell), ("Size", company.size.cell), ("Website", company.website.cell),
            ("Billing email", company.billingEmail.cell), ("Tax id", company.taxId.cell),
            ("Billing address", address.cell), ("Created", company.createdAt.shortText),
            ("Updated", company.updatedAt.shortText),
        ]
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { label, value in
            label + ":" + String(repeating: " ", count: width - label.count + 2) + value
        }.joined(separator: "\n") + "\n"
    }
}

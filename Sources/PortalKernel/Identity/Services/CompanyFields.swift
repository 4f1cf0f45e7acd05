/// A validated ``CompanyInput``: each field is `nil` when not given, `.some(nil)` when cleared.
struct CompanyFields: Sendable {
    var name: String?
    var industry: String??
    var size: String??
    var website: String??
    var logoUrl: String??
    var billingAddress: PostalAddress??
    var taxId: String??
    var billingEmail: String??
    var status: CompanyStatus?
    var type: CompanyType?
    var discount: Percentage?

    init() {}

    init(validating input: CompanyInput, requireName: Bool) throws {
        if requireName || input.name != nil { name = try InputValidation.required(input.name, field: "name") }
        if let value = input.industry { industry = .some(try InputValidation.optional(value, field: "industry", maximumLength: 100)) }
        if let value = input.size { size = .some(try InputValidation.optional(value, field: "size", maximumLength: 50)) }
        if let value = input.website { website = .some(try InputValidation.optionalURL(value, field: "website")) }
        if let value = input.logoUrl { logoUrl = .some(try InputValidation.optionalURL(value, field: "logo_url")) }
        if let value = input.billingAddress { billingAddress = .some(try Self.validated(value)) }
        if let value = input.taxId { taxId = .some(try InputValidation.optional(value, field: "tax_id", maximumLength: 50)) }
        if let value = input.billingEmail { billingEmail = .some(try InputValidation.optionalEmail(value, field: "billing_email")) }
        status = try InputValidation.choice(input.status, as: CompanyStatus.self, field: "status")
        type = try InputValidation.choice(input.type, as: CompanyType.self, field: "type")
        if let text = input.discount {
            let percent = try Percentage(text, field: "discount")
            guard percent >= 0, percent <= 100 else {
                throw PortalError.invalid("discount must be a percent from 0 to 100.", field: "discount")
            }
            discount = percent
        }
    }

    /// Whether the input changes what only staff may change.
    var touchesCommercialTerms: Bool { status != nil || type != nil || discount != nil }

    func apply(to company: Company) -> Company {
        var company = company
        if let name { company.name = name }
        if let industry { company.industry = industry }
        if let size { company.size = size }
        if let website { company.website = website }
        if let logoUrl { company.logoUrl = logoUrl }
        if let billingAddress { company.billingAddress = billingAddress }
        if let taxId { company.taxId = taxId }
        if let billingEmail { company.billingEmail = billingEmail }
        if let status { company.status = status }
        if let type { company.type = type }
        if let discount { company.discount = discount }
        return company
    }

    private static func validated(_ address: PostalAddress) throws -> PostalAddress? {
        let result = PostalAddress(
            line1: try InputValidation.optional(address.line1, field: "billing_address.line1"),
            line2: try InputValidation.optional(address.line2, field: "billing_address.line2"),
            city: try InputValidation.optional(address.city, field: "billing_address.city", maximumLength: 100),
            region: try InputValidation.optional(address.region, field: "billing_address.region", maximumLength: 100),
            postalCode: try InputValidation.optional(address.postalCode, field: "billing_address.postal_code", maximumLength: 20),
            country: try InputValidation.optional(address.country, field: "billing_address.country", maximumLength: 2))
        if let country = result.country, country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            throw PortalError.invalid("billing_address.country must be an ISO 3166 two-letter code such as ZA.", field: "billing_address.country")
        }
        return result == PostalAddress() ? nil : result
    }
}

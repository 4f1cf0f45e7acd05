import ArgumentParser
import PortalKernel

/// The company fields `company create` and `company update` share. Each maps to one field of
/// ``CompanyInput``; on update an empty value (`--website ''`) clears an optional field.
struct CompanyFieldOptions: ParsableArguments {
    @Option(help: "What the company does (\"Coffee roasting\").")
    var industry: String?

    @Option(help: "Its size, in your own words (\"11-50\").")
    var size: String?

    @Option(help: "Its website, an http or https URL.")
    var website: String?

    @Option(help: "Where invoices go, when not to its owners.")
    var billingEmail: String?

    @Option(help: "Its tax or VAT number, as printed on invoices.")
    var taxId: String?

    @Option(help: "client, prospect, partner or reseller.")
    var type: String?

    @Option(help: ArgumentHelp("A standing discount in percent, such as 10 or 12.5.", valueName: "percent"))
    var discount: String?

    @Option(help: ArgumentHelp("Billing address: first line.", valueName: "text"))
    var addressLine1: String?

    @Option(help: ArgumentHelp("Billing address: second line.", valueName: "text"))
    var addressLine2: String?

    @Option(help: "Billing address: city.")
    var city: String?

    @Option(help: "Billing address: region or province.")
    var region: String?

    @Option(help: "Billing address: postal code.")
    var postalCode: String?

    @Option(help: ArgumentHelp("Billing address: ISO 3166 two-letter country code, such as ZA.", valueName: "code"))
    var country: String?

    /// The input for these options; the billing address is laid over `existing` (the company's
    /// current address on update) and left out when no address option is given.
    func input(name: String?, status: String? = nil, over existing: PostalAddress? = nil) -> CompanyInput {
        var address: PostalAddress?
        let parts = [addressLine1, addressLine2, city, region, postalCode, country]
        if parts.contains(where: { $0 != nil }) {
            var merged = existing ?? PostalAddress()
            if let addressLine1 { merged.line1 = addressLine1 }
            if let addressLine2 { merged.line2 = addressLine2 }
            if let city { merged.city = city }
            if let region { merged.region = region }
            if let postalCode { merged.postalCode = postalCode }
            if let country { merged.country = country }
            address = merged
        }
        return CompanyInput(
            name: name, industry: industry, size: size, website: website, billingAddress: address, taxId: taxId,
            billingEmail: billingEmail, status: status, type: type, discount: discount)
    }
}

import PortalKernel

/// What `portal-cli demo` seeds: a South African agency with three client companies, their
/// contacts, client users, and an agency whose developer serves two of the companies.
enum DemoData {
    static let tenant = NewTenant(
        name: "Demo Agency", slug: "demo", defaultCurrency: "ZAR", timeZone: "Africa/Johannesburg", billingDays: [1, 25])

    struct Person {
        let email: String
        let name: String
        let kind: UserKind
    }

    static let staff = Person(email: "admin@demo.example", name: "Thandi Nkosi", kind: .staff)

    static let agencyName = "Fynbos Digital"
    static let agencyAdmin = Person(email: "agency@demo.example", name: "Pieter van der Merwe", kind: .agencyAdmin)
    static let developer = Person(email: "dev@demo.example", name: "Ayesha Patel", kind: .developer)

    static let owner = Person(email: "owner@demo.example", name: "Sipho Dlamini", kind: .client)
    static let billing = Person(email: "billing@demo.example", name: "Megan Botha", kind: .client)
    static let viewer = Person(email: "viewer@demo.example", name: "Lerato Mokoena", kind: .client)

    struct CompanySeed {
        let input: CompanyInput
        let contacts: [ContactInput]
    }

    static let karoo = CompanySeed(
        input: CompanyInput(
            name: "Karoo Coffee Roasters", industry: "Coffee roasting", size: "11-50",
            website: "https://karoo-coffee.example",
            billingAddress: PostalAddress(
                line1: "12 Church Street", city: "Graaff-Reinet", region: "Eastern Cape", postalCode: "6280", country: "ZA"),
            taxId: "4123456789", billingEmail: "accounts@karoo-coffee.example", type: "client"),
        contacts: [
            ContactInput(name: "Johan Pretorius", email: "johan@karoo-coffee.example", phone: "+27 49 892 1234", title: "Head Roaster"),
            ContactInput(name: "Nomsa Khumalo", email: "nomsa@karoo-coffee.example", phone: "+27 82 555 0101", title: "Operations Manager"),
        ])

    static let blueCrane = CompanySeed(
        input: CompanyInput(
            name: "Blue Crane Logistics", industry: "Freight and logistics", size: "51-200",
            website: "https://bluecrane-logistics.example",
            billingAddress: PostalAddress(
                line1: "Unit 4, Airport Industria", line2: "18 Borcherds Quarry Road", city: "Cape Town",
                region: "Western Cape", postalCode: "7490", country: "ZA"),
            taxId: "4987654321", billingEmail: "finance@bluecrane-logistics.example", type: "client"),
        contacts: [
            ContactInput(name: "Ruan Steyn", email: "ruan@bluecrane-logistics.example", phone: "+27 21 934 5678", title: "Fleet Director"),
            ContactInput(name: "Fatima Adams", email: "fatima@bluecrane-logistics.example", phone: "+27 83 555 0202", title: "Finance Lead"),
        ])

    static let umhlanga = CompanySeed(
        input: CompanyInput(
            name: "Umhlanga Dental Studio", industry: "Dental care", size: "1-10", website: "https://umhlanga-dental.example",
            billingAddress: PostalAddress(
                line1: "3 Lighthouse Road", city: "Umhlanga Rocks", region: "KwaZulu-Natal", postalCode: "4320", country: "ZA"),
            taxId: "4555123456", billingEmail: "reception@umhlanga-dental.example", type: "partner", discount: "10"),
        contacts: [
            ContactInput(name: "Dr Priya Naidoo", email: "priya@umhlanga-dental.example", phone: "+27 31 561 2345", title: "Principal Dentist"),
            ContactInput(name: "Zanele Mthembu", email: "zanele@umhlanga-dental.example", phone: "+27 84 555 0303", title: "Practice Manager"),
        ])
}

/// The words the seeder builds names and titles from. Every pick goes through a seeded
/// ``DataSetRandom``, so the same shape always reads the same.
enum DataSetNames {
    static let companyFirst = [
        "Amber", "Baobab", "Blue Crane", "Cedar", "Coral", "Drakensberg", "Fynbos", "Granite", "Harbour", "Indigo",
        "Jacaranda", "Karoo", "Kestrel", "Lowveld", "Marula", "Meridian", "Namib", "Olive", "Protea", "Quartz",
        "Riverbend", "Saffron", "Silverleaf", "Table Bay", "Umhlanga", "Vaal", "Waterberg", "Yellowwood", "Zebra", "Atlas",
    ]
    static let companySecond = [
        "Coffee Roasters", "Logistics", "Dental", "Architects", "Outfitters", "Bakery", "Vineyards", "Engineering",
        "Travel", "Analytics", "Studios", "Pharmacy", "Motors", "Properties", "Foods", "Fitness", "Accounting",
        "Legal", "Print", "Solar",
    ]
    static let companySuffix = ["Ltd", "(Pty) Ltd", "Inc.", "GmbH", "LLC", "& Co."]

    static let firstNames = [
        "Ana", "Ben", "Chloe", "Daniel", "Emma", "Farah", "Gugu", "Hannes", "Ines", "Johan", "Kagiso", "Lerato",
        "Mia", "Nandi", "Oliver", "Priya", "Quinn", "Rosa", "Sipho", "Thandi", "Uma", "Victor", "Wei", "Yusuf", "Zanele",
    ]
    static let lastNames = [
        "Botha", "Dlamini", "Naidoo", "van der Merwe", "Smith", "Mokoena", "Pillay", "Nkosi", "Jacobs", "Khumalo",
        "Ferreira", "Le Roux", "Mahlangu", "Petersen", "Zulu", "Coetzee", "Adams", "Ndlovu", "Kruger", "Meyer",
    ]
    static let contactTitles = ["Managing Director", "Operations Manager", "Marketing Lead", "Finance Director", "Founder"]

    static let projectAdjectives = [
        "Online", "Wholesale", "Customer", "Mobile", "Partner", "Booking", "Loyalty", "Field service", "Warehouse", "Reporting",
    ]
    static let projectNouns = [
        "shop", "portal", "dashboard", "app", "platform", "integration", "redesign", "migration", "automation", "website",
    ]

    /// The two phases every seeded proposal has, in order.
    static let phases = [("Discovery", "Workshops, brief and design"), ("Delivery", "Build, launch and handover")]

    static let milestones = [
        "Discovery workshop and brief", "Design and prototype", "First release", "Integrations", "Acceptance testing",
        "Launch and handover", "Training", "Hypercare",
    ]
    static let extraWork = [
        "Content migration", "Photography", "Copywriting", "Analytics set-up", "Accessibility review", "Security review",
        "Performance tuning", "Staff training", "Data import", "Search tuning",
    ]
    static let blockers = [
        "Waiting for the client's brand assets.", "Waiting for API credentials from the client's supplier.",
        "Waiting for sign-off on the design.", "Waiting for the product data export.",
    ]

    /// The title of milestone `position` (0-based).
    static func milestone(_ position: Int) -> String {
        position < milestones.count ? milestones[position] : "Milestone \(position + 1)"
    }

    /// `value` as decimal text, zero-padded to `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Lower-case ASCII letters and digits of `text`, for email addresses.
    static func emailPart(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return String(String.UnicodeScalarView(kept))
    }
}

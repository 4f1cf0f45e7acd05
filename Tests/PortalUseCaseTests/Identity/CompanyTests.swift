import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Companies")
struct CompanyTests {
    @Test(arguments: StorageBackend.allCases)
    func accountNumbersAreContinuousPerTenantAndYear(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let first = try await fixture.createCompany("Karoo Coffee Roasters")
            let second = try await fixture.createCompany("Blue Crane Logistics")
            #expect(first.accountNumber == "CT-2026-00001")
            #expect(second.accountNumber == "CT-2026-00002")
            let other = fixture.switching(to: try await fixture.createTenant(slug: "other"))
            #expect(try await other.createCompany("Elsewhere").accountNumber == "CT-2026-00001")
            fixture.clock.advance(by: .seconds(365 * 24 * 3600))
            #expect(try await fixture.createCompany("Next Year Ltd").accountNumber == "CT-2027-00001")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func concurrentCreationNeverRepeatsOrSkipsANumber(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<12 {
                    group.addTask { try await fixture.createCompany("Company \(index)").accountNumber }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(numbers.sorted() == (1...12).map { "CT-2026-" + String(repeating: "0", count: 5 - String($0).count) + String($0) })
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func createKeepsEveryFieldAndAuditsIt(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let input = CompanyInput(
                industry: "Coffee", size: "11-50", website: "https://karoo.coffee", logoUrl: "https://karoo.coffee/logo.png",
                billingAddress: PostalAddress(line1: "1 Long Street", city: "Cape Town", postalCode: "8001", country: "ZA"),
                taxId: "4123456789", billingEmail: "accounts@karoo.coffee", type: "partner", discount: "12.5")
            let company = try await fixture.createCompany("Karoo Coffee Roasters", input)
            let read = try await Companies(context: fixture.context).get(company.id, by: fixture.operatorPrincipal)
            #expect(read == company)
            #expect(read.discount == (try Percentage("12.5")))
            #expect(read.billingAddress?.city == "Cape Town")
            #expect(read.type == .partner && read.status == .active)
            let events = try await AuditLog(database: fixture.database).list(
                AuditFilter(resourceType: "company", resourceId: company.id.uuidString), page: .first, by: fixture.operatorPrincipal)
            #expect(events.items.map(\.action) == ["company.created"])
            #expect(events.items.first?.changes["name"]?.after == .string("Karoo Coffee Roasters"))
            #expect(events.items.first?.companyId == company.id)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func badInputIsRefusedWithTheFieldAndWritesNothing(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let companies = Companies(context: fixture.context)
            let cases: [(CompanyInput, String)] = [
                (CompanyInput(), "name"),
                (CompanyInput(name: String(repeating: "x", count: 201)), "name"),
                (CompanyInput(name: "A", website: "ftp://x"), "website"),
                (CompanyInput(name: "A", billingEmail: "not-an-email"), "billing_email"),
                (CompanyInput(name: "A", status: "sleeping"), "status"),
                (CompanyInput(name: "A", type: "enemy"), "type"),
                (CompanyInput(name: "A", discount: "150"), "discount"),
                (CompanyInput(name: "A", discount: "ten"), "discount"),
                (CompanyInput(name: "A", billingAddress: PostalAddress(country: "South Africa")), "billing_address.country"),
            ]
            let eventsBefore = try await fixture.count("audit_events")
            for (input, field) in cases {
                await #expect(throws: PortalError.self) { try await companies.create(input, by: fixture.operatorPrincipal) }
                do {
                    _ = try await companies.create(input, by: fixture.operatorPrincipal)
                } catch let error as PortalError {
                    #expect(error.code == .invalid && error.field == field, "\(error)")
                }
            }
            #expect(try await fixture.count("companies") == 0)
            #expect(try await fixture.count("audit_events") == eventsBefore)
            #expect(try await fixture.count("number_sequences") == 0)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func updatesChangeOnlyWhatIsGivenAndRecordBeforeAndAfter(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let companies = Companies(context: fixture.context)
            let company = try await fixture.createCompany("Karoo Coffee", CompanyInput(industry: "Coffee", taxId: "123"))
            fixture.clock.advance(by: .seconds(60))
            let updated = try await companies.update(company.id, CompanyInput(name: "Karoo Coffee Roasters", taxId: ""), by: fixture.operatorPrincipal)
            #expect(updated.name == "Karoo Coffee Roasters" && updated.industry == "Coffee" && updated.taxId == nil)
            #expect(updated.updatedAt > company.updatedAt)
            let event = try await AuditLog(database: fixture.database).list(
                AuditFilter(action: "company.updated"), page: .first, by: fixture.operatorPrincipal
            ).items.first
            #expect(event?.changes["name"] == AuditChange(before: .string("Karoo Coffee"), after: .string("Karoo Coffee Roasters")))
            #expect(event?.changes["tax_id"] == AuditChange(before: .string("123"), after: nil))
            #expect(event?.changes["industry"] == nil)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func companyUsersSeeTheirCompaniesOnlyAndOnlyStaffChangeCommercialTerms(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let companies = Companies(context: fixture.context)
            let x = try await fixture.createCompany("X Holdings")
            let y = try await fixture.createCompany("Y Traders")
            let z = try await fixture.createCompany("Z Works")
            let owner = try await fixture.clientPrincipal("owner@x.example", role: .owner, of: [x.id, y.id])
            let viewer = try await fixture.clientPrincipal("viewer@x.example", role: .viewer, of: [x.id])
            #expect(Set(try await companies.list(CompanyListOptions(), page: .first, by: owner).items.map(\.id)) == [x.id, y.id])
            #expect(try await companies.list(CompanyListOptions(), page: .first, by: viewer).items.map(\.id) == [x.id])
            await #expect(throws: PortalError.notFound("No such company.")) { try await companies.get(z.id, by: owner) }
            await #expect(throws: PortalError.notFound("No such company.")) { try await companies.get(y.id, by: viewer) }
            await #expect(throws: PortalError.forbidden()) { try await companies.update(x.id, CompanyInput(name: "Mine"), by: viewer) }
            _ = try await companies.update(x.id, CompanyInput(website: "https://x.example"), by: owner)
            await #expect(throws: PortalError.self) { try await companies.update(x.id, CompanyInput(discount: "50"), by: owner) }
            await #expect(throws: PortalError.notFound("No such company.")) {
                try await companies.update(z.id, CompanyInput(discount: "50"), by: owner)
            }
            await #expect(throws: PortalError.forbidden()) { try await companies.create(CompanyInput(name: "New"), by: owner) }
            #expect(try await companies.get(x.id, by: fixture.operatorPrincipal).discount == 0)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func listsPageFilterSortAndSyncIncrementally(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let companies = Companies(context: fixture.context)
            for name in ["Delta", "alpha", "Echo", "Bravo", "charlie"] {
                try await fixture.createCompany(name)
                fixture.clock.advance(by: .seconds(10))
            }
            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await companies.list(
                    CompanyListOptions(sort: ListSort(.name, descending: true)), page: try PageRequest(limit: 2, cursor: cursor),
                    by: fixture.operatorPrincipal)
                names += page.items.map(\.name)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil
            #expect(pages == 3)
            #expect(names == ["charlie", "alpha", "Echo", "Delta", "Bravo"])  // byte order: lowercase after uppercase
            let since = IdentityFixture.start + .seconds(25)
            let recent = try await companies.list(CompanyListOptions(updatedSince: since), page: .first, by: fixture.operatorPrincipal)
            #expect(recent.items.map(\.name) == ["Bravo", "charlie"])
            let search = try await companies.list(CompanyListOptions(search: "LT"), page: .first, by: fixture.operatorPrincipal)
            #expect(search.items.map(\.name) == ["Delta"])
            let byNumber = try await companies.list(CompanyListOptions(search: "00003"), page: .first, by: fixture.operatorPrincipal)
            #expect(byNumber.items.map(\.name) == ["Echo"])
            await #expect(throws: PortalError.invalid("cursor is not one this list returned.", field: "cursor")) {
                try await companies.list(CompanyListOptions(), page: try PageRequest(limit: 2, cursor: "garbage"), by: fixture.operatorPrincipal)
            }
            #expect(throws: PortalError.self) { try PageRequest(limit: 0) }
            #expect(throws: PortalError.self) { try PageRequest(limit: 201) }
        }
    }
}

import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Contacts")
struct ContactTests {
    @Test(arguments: StorageBackend.allCases)
    func ownersManageContactsViewersReadThemOthersDoNotSeeThem(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let contacts = Contacts(context: fixture.context)
            let x = try await fixture.createCompany("X Holdings")
            let y = try await fixture.createCompany("Y Traders")
            let owner = try await fixture.clientPrincipal("owner@x.example", role: .owner, of: [x.id])
            let viewer = try await fixture.clientPrincipal("viewer@x.example", role: .viewer, of: [x.id])
            let developer = try await fixture.clientPrincipal("dev@agency.example", role: .developer, of: [x.id], kind: .developer)
            let thandi = try await contacts.add(
                ContactInput(name: "Thandi Nkosi", email: "thandi@x.example", phone: "+27 82 555 0101", title: "CFO"), to: x.id, by: owner)
            let yContact = try await contacts.add(ContactInput(name: "Pieter", email: "p@y.example"), to: y.id, by: fixture.operatorPrincipal)
            #expect(try await contacts.list(ContactListOptions(), company: x.id, page: .first, by: viewer).items == [thandi])
            #expect(try await contacts.list(ContactListOptions(), company: nil, page: .first, by: viewer).items == [thandi])
            #expect(try await contacts.list(ContactListOptions(), company: nil, page: .first, by: fixture.operatorPrincipal).items.count == 2)
            await #expect(throws: PortalError.forbidden()) { try await contacts.add(ContactInput(name: "N"), to: x.id, by: viewer) }
            await #expect(throws: PortalError.forbidden()) { try await contacts.update(thandi.id, ContactInput(title: "CEO"), by: viewer) }
            await #expect(throws: PortalError.notFound("No such contact.")) { try await contacts.get(yContact.id, by: owner) }
            await #expect(throws: PortalError.notFound("No such company.")) {
                try await contacts.list(ContactListOptions(), company: y.id, page: .first, by: owner)
            }
            await #expect(throws: PortalError.notFound("No such contact.")) { try await contacts.get(thandi.id, by: developer) }
            let updated = try await contacts.update(thandi.id, ContactInput(phone: "", title: "CEO"), by: owner)
            #expect(updated.title == "CEO" && updated.phone == nil && updated.email == "thandi@x.example")
            try await contacts.remove(thandi.id, by: owner)
            await #expect(throws: PortalError.notFound("No such contact.")) { try await contacts.get(thandi.id, by: owner) }
            #expect(try await fixture.auditActions().suffix(3) == ["contact.created", "contact.updated", "contact.removed"])
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func badContactInputNamesTheField(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let contacts = Contacts(context: fixture.context)
            let x = try await fixture.createCompany("X Holdings")
            for (input, field) in [
                (ContactInput(name: nil), "name"), (ContactInput(name: "A", email: "nope"), "email"),
                (ContactInput(name: "A", phone: "abc"), "phone"), (ContactInput(name: "A", title: String(repeating: "t", count: 101)), "title"),
            ] {
                do {
                    _ = try await contacts.add(input, to: x.id, by: fixture.operatorPrincipal)
                    Issue.record("accepted bad input for \(field)")
                } catch let error as PortalError {
                    #expect(error.code == .invalid && error.field == field)
                }
            }
            #expect(try await fixture.count("contacts") == 0)
        }
    }
}

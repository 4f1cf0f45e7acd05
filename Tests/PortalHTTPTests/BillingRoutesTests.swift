import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

/// Invoices and payments over HTTP: who sees what, who may pay, and how errors are spoken.
@Suite("Billing routes: invoices and payments")
struct BillingRoutesTests {
    /// The manual (bank transfer) gateway, so invoices have payment instructions.
    static let environment = ["PORTAL_PLUGINS_ENABLED": "manual"]

    /// A tenant with a staff member and a company with an owner and a viewer, each with an API client.
    struct Shop: Sendable {
        let tenant: Tenant
        let company: Company
        let staff: APIClient
        let owner: APIClient
        let viewer: APIClient

        static func make(
            _ client: any TestClientProtocol, _ installation: TestInstallation, slug: String = "karoo", name: String = "Karoo Coffee"
        ) async throws -> Shop {
            let tenant = try await installation.createTenant(slug: slug, name: "\(name) Services")
            let staff = try await installation.createUser(in: tenant.id, email: "staff@\(slug).example")
            let company = try await installation.createCompany(in: tenant.id, name: name)
            let owner = try await installation.createUser(in: tenant.id, email: "owner@\(slug).example", kind: .client)
            try await installation.addMember(owner, to: company, role: .owner)
            let viewer = try await installation.createUser(in: tenant.id, email: "viewer@\(slug).example", kind: .client)
            try await installation.addMember(viewer, to: company, role: .viewer)
            return Shop(
                tenant: tenant, company: company,
                staff: APIClient(client, bearer: try await installation.tokenSecret(for: staff).secret),
                owner: APIClient(client, bearer: try await installation.tokenSecret(for: owner).secret),
                viewer: APIClient(client, bearer: try await installation.tokenSecret(for: viewer).secret))
        }
    }

    @Test("staff invoice a company; its owner sees only the issued invoice, reports a transfer, staff approve it, and it is paid")
    func invoiceToPayment() async throws {
        try await withAPI(environment: Self.environment) { client, installation in
            let shop = try await Shop.make(client, installation)
            let rate = try await shop.staff.post(
                "tax-rates", ["code": "VAT", "name": "VAT 15%", "percent": "15", "inclusive": false, "valid_from": "2020-01-01"])
            #expect(rate.status == .created, "\(rate.text)")
            #expect(try await shop.owner.get("tax-rates").object()["items"] as? [Any] != nil)
            let method = try await shop.staff.post(
                "payment-methods",
                ["country": "*", "display_name": "Bank transfer (EFT)", "details": [["label": "Bank", "value": "First Karoo Bank"]]])
            #expect(method.status == .ok, "\(method.text)")

            let created = try await shop.staff.post(
                "invoices",
                ["company_id": shop.company.id.uuidString,
                 "lines": [["description": "Design", "quantity": "2", "unit_amount": 50_000, "tax_code": "VAT"]]])
            #expect(created.status == .created, "\(created.text)")
            let draft = try created.decode(Invoice.self)
            #expect(draft.status == .draft)
            #expect(draft.total.minorUnits == 115_000)
            #expect(try await shop.owner.get("invoices").decode(ListPage<Invoice>.self).items.isEmpty, "drafts are staff's")
            #expect(try await shop.owner.get("invoices/\(draft.id)").status == .notFound)

            let finalized = try await shop.staff.post("invoices/\(draft.id)/finalize")
            #expect(finalized.status == .ok, "\(finalized.text)")
            let invoice = try finalized.decode(Invoice.self)
            #expect(invoice.status == .open)
            let number = try #require(invoice.number)

            let listed = try await shop.owner.get("invoices?status=open").decode(ListPage<Invoice>.self)
            #expect(listed.items.map(\.id) == [invoice.id])
            let read = try await shop.owner.get("invoices/\(invoice.id)").decode(Invoice.self)
            #expect(read.lines.count == 1)
            #expect(read.amountDue.minorUnits == 115_000)

            let start = try await shop.owner.get("invoices/\(invoice.id)/payment-instructions?gateway=manual")
            #expect(start.status == .ok, "\(start.text)")
            let instructions = try start.object()
            #expect(instructions["outcome"] as? String == "next_step")
            let step = try #require(instructions["next_step"] as? [String: Any], "\(start.text)")
            #expect(step["type"] as? String == "instructions")
            #expect(start.text.contains("First Karoo Bank"))

            let transfer = try await shop.owner.post(
                "payments/transfers",
                ["company_id": shop.company.id.uuidString, "amount": 115_000, "reference": number,
                 "allocations": [["invoice_id": invoice.id.uuidString, "amount": 115_000]]])
            #expect(transfer.status == .created, "\(transfer.text)")
            let pending = try transfer.decode(Payment.self)
            #expect(pending.status == .pending)
            #expect(try await shop.owner.get("invoices/\(invoice.id)").decode(Invoice.self).status == .open)

            let approved = try await shop.staff.post("payments/\(pending.id)/approve")
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(try approved.decode(Payment.self).status == .succeeded)

            let paid = try await shop.owner.get("invoices/\(invoice.id)").decode(Invoice.self)
            #expect(paid.status == .paid)
            #expect(paid.amountDue.minorUnits == 0)
            let payments = try await shop.owner.get("payments").decode(ListPage<Payment>.self)
            #expect(payments.items.map(\.id) == [pending.id])
            let nothingDue = try await shop.owner.get("invoices/\(invoice.id)/payment-instructions")
            #expect(nothingDue.status == .conflict)
        }
    }

    @Test("invalid input is 422 with the code invalid and the field at fault")
    func validationErrors() async throws {
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let invoice = try await installation.issueInvoice(to: shop.company)
            let company = shop.company.id.uuidString
            let cases: [(APIClient, HTTPRequest.Method, String, Any?, String)] = [
                (shop.staff, .post, "invoices", ["company_id": company, "lines": [["unit_amount": 100]]], "lines[0].description"),
                (shop.staff, .post, "invoices", ["lines": [[String: Any]]()], "company_id"),
                (shop.staff, .post, "tax-rates", ["code": "VAT", "name": "VAT", "percent": "15", "inclusive": false], "valid_from"),
                (shop.staff, .get, "invoices?status=unheard_of", nil, "status"),
                (shop.staff, .get, "payments?company_id=nope", nil, "company_id"),
                (shop.staff, .post, "invoices/\(invoice.id)/void", [String: Any](), "reason"),
                (shop.owner, .post, "payments/transfers", ["company_id": company, "amount": 100], "reference"),
                (shop.owner, .post, "companies/\(company)/credits/usage", ["credits": 1, "description": "Build"], "idempotency_key"),
                (shop.staff, .post, "contracts/\(UUID().uuidString)/status", [String: Any](), "status"),
            ]
            for (api, method, path, body, field) in cases {
                let response = try await api.send(method, path, body: body.map(APIClient.text))
                #expect(response.status == .unprocessableContent, "\(method) \(path): \(response.status.code) \(response.text)")
                let error = try response.error()
                #expect(error.code == "invalid", "\(method) \(path)")
                #expect(error.field == field, "\(method) \(path): \(response.text)")
            }
        }
    }

    @Test("a client of another company gets 404 for this company's invoices, payments and credit, and lists nothing of it")
    func otherCompanyIsHidden() async throws {
        try await withAPI(environment: Self.environment) { client, installation in
            let shop = try await Shop.make(client, installation)
            let invoice = try await installation.issueInvoice(to: shop.company)
            let payment = try await installation.billing.payments.record(
                NewPayment(companyId: shop.company.id, amount: 1_000, reference: invoice.number),
                by: installation.operatorPrincipal(shop.tenant.id))
            let other = try await installation.createCompany(in: shop.tenant.id, name: "Other Roasters")
            let stranger = try await installation.createUser(in: shop.tenant.id, email: "owner@other.example", kind: .client)
            try await installation.addMember(stranger, to: other, role: .owner)
            let asStranger = APIClient(client, bearer: try await installation.tokenSecret(for: stranger).secret)
            let number = try #require(invoice.number)

            for path in [
                "invoices/\(invoice.id)", "invoices/\(invoice.id)/credit-notes", "invoices/\(invoice.id)/payment-instructions",
                "payments/\(payment.id)", "companies/\(shop.company.id)/customer-credit", "companies/\(shop.company.id)/credits",
            ] {
                let response = try await asStranger.get(path)
                #expect(response.status == .notFound, "\(path): \(response.status.code) \(response.text)")
                #expect(try response.error().code == "not_found")
                #expect(!response.text.contains(number))
            }
            let transfer = try await asStranger.post(
                "payments/transfers", ["company_id": shop.company.id.uuidString, "amount": 1_000, "reference": number])
            #expect(transfer.status == .notFound, "\(transfer.text)")
            let applied = try await asStranger.post("invoices/\(invoice.id)/apply-credit")
            #expect(applied.status == .notFound, "\(applied.text)")
            #expect(try await asStranger.get("invoices").decode(ListPage<Invoice>.self).items.isEmpty)
            #expect(try await asStranger.get("payments").decode(ListPage<Payment>.self).items.isEmpty)
            let filtered = try await asStranger.get("invoices?company_id=\(shop.company.id)").decode(ListPage<Invoice>.self)
            #expect(filtered.items.isEmpty)
        }
    }

    @Test("a viewer reads the company's invoices but gets 403 reporting a transfer, and nothing is recorded")
    func viewerCannotPay() async throws {
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let invoice = try await installation.issueInvoice(to: shop.company)
            #expect(try await shop.viewer.get("invoices/\(invoice.id)").status == .ok)
            let before = try await installation.count("payments")
            let transfer = try await shop.viewer.post(
                "payments/transfers",
                ["company_id": shop.company.id.uuidString, "amount": invoice.total.minorUnits, "reference": invoice.number ?? ""])
            #expect(transfer.status == .forbidden, "\(transfer.text)")
            #expect(try transfer.error().code == "forbidden")
            #expect(try await installation.count("payments") == before)
            let credit = try await shop.viewer.post("invoices/\(invoice.id)/apply-credit", ["amount": 1])
            #expect(credit.status == .forbidden, "\(credit.text)")
        }
    }

    @Test("staff manage a draft: change it, add a line, delete it; void an issued invoice and credit another")
    func draftsVoidsAndCreditNotes() async throws {
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let draft = try await shop.staff.post(
                "invoices", ["company_id": shop.company.id.uuidString, "lines": [["description": "Audit", "unit_amount": 20_000]]]
            ).decode(Invoice.self)
            let changed = try await shop.staff.patch("invoices/\(draft.id)", ["memo": "Thank you"]).decode(Invoice.self)
            #expect(changed.memo == "Thank you")
            let longer = try await shop.staff.post("invoices/\(draft.id)/lines", ["description": "Travel", "unit_amount": 5_000])
            #expect(try longer.decode(Invoice.self).total.minorUnits == 25_000, "\(longer.text)")
            #expect(try await shop.owner.delete("invoices/\(draft.id)").status == .forbidden)
            #expect(try await shop.staff.delete("invoices/\(draft.id)").status == .noContent)
            #expect(try await shop.staff.get("invoices/\(draft.id)").status == .notFound)

            let voidable = try await installation.issueInvoice(to: shop.company)
            let voided = try await shop.staff.post("invoices/\(voidable.id)/void", ["reason": "Sent twice"])
            #expect(try voided.decode(Invoice.self).status == .void, "\(voided.text)")

            let credited = try await installation.issueInvoice(to: shop.company, amount: 10_000)
            let note = try await shop.staff.post("credit-notes", ["invoice_id": credited.id.uuidString, "reason": "Goodwill"])
            #expect(note.status == .created, "\(note.text)")
            let creditNote = try note.decode(CreditNote.self)
            #expect(creditNote.total.minorUnits == 10_000)
            #expect(try await shop.owner.get("credit-notes/\(creditNote.id)").decode(CreditNote.self).number == creditNote.number)
            let notes = try await shop.owner.get("invoices/\(credited.id)/credit-notes").object()["items"] as? [Any]
            #expect(notes?.count == 1)
            #expect(try await shop.owner.get("companies/\(shop.company.id)/customer-credit").object()["balances"] as? [Any] != nil)
        }
    }

    @Test("an invoice and a credit note as PDF, inline with the number as file name; 503 without a renderer")
    func documents() async throws {
        try await withAPI(environment: ["PORTAL_PLUGINS_ENABLED": "manual,pdf"]) { client, installation in
            let shop = try await Shop.make(client, installation)
            let invoice = try await installation.issueInvoice(to: shop.company)
            let number = try #require(invoice.number)
            let pdf = try await shop.owner.get("invoices/\(invoice.id)/pdf")
            #expect(pdf.status == .ok, "\(pdf.text.prefix(300))")
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.text.hasPrefix("%PDF-"))
            #expect(pdf.headers[.contentDisposition] == "inline; filename=\"\(number).pdf\"")
            let note = try await installation.billing.creditNotes.issue(
                NewCreditNote(invoiceId: invoice.id, reason: "Goodwill"), by: installation.operatorPrincipal(shop.tenant.id))
            let notePDF = try await shop.owner.get("credit-notes/\(note.id)/pdf")
            #expect(notePDF.status == .ok)
            #expect(notePDF.headers[.contentType] == "application/pdf")
            #expect(notePDF.headers[.contentDisposition]?.contains(note.number) == true)
        }
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let invoice = try await installation.issueInvoice(to: shop.company)
            let response = try await shop.owner.get("invoices/\(invoice.id)/pdf")
            #expect(response.status == .serviceUnavailable)
            #expect(try response.error().code == "unavailable")
        }
    }
}

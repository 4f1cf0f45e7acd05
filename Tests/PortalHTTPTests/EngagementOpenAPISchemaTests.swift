import Foundation
@testable import PortalHTTP
import PortalKernel
import Testing

/// The engagement schemas of the OpenAPI document describe the JSON the kernel's proposal,
/// deliverable, portal and link types and the engagement routes' own bodies read and write (see
/// ``OpenAPISchemaTests`` for the method).
@Suite("The engagement OpenAPI schemas match the kernel's JSON")
struct EngagementOpenAPISchemaTests {
    typealias Pairing = OpenAPISchemaTests.Pairing
    typealias View = EngagementPortalView

    static let pairings: [Pairing] = [
        Pairing(Proposal.self, "Proposal"), Pairing(ProposalPhase.self, "ProposalPhase"),
        Pairing(ProposalMilestone.self, "ProposalMilestone"), Pairing(ProposalPayment.self, "ProposalPayment"),
        Pairing(NewProposal.self, "NewProposal"), Pairing(ProposalUpdate.self, "ProposalUpdate"),
        Pairing(ProposalPhaseInput.self, "ProposalPhaseInput"), Pairing(ProposalMilestoneInput.self, "ProposalMilestoneInput"),
        Pairing(ProposalPaymentInput.self, "ProposalPaymentInput"),
        Pairing(ProposalRoutes.StatusChange.self, "ProposalStatusChange"),
        Pairing(Deliverable.self, "Deliverable"), Pairing(NewDeliverable.self, "NewDeliverable"),
        Pairing(DeliverableUpdate.self, "DeliverableUpdate"),
        Pairing(View.self, "EngagementPortalView"), Pairing(View.Client.self, "EngagementClient"),
        Pairing(View.ContractSummary.self, "EngagementContract"), Pairing(View.DeliverableSummary.self, "EngagementDeliverable"),
        Pairing(View.ProposalSummary.self, "EngagementProposal"), Pairing(View.MilestoneSummary.self, "EngagementMilestone"),
        Pairing(View.PaymentSummary.self, "EngagementPayment"), Pairing(View.InvoiceLink.self, "EngagementInvoiceLink"),
        Pairing(View.StatusSummary.self, "EngagementStatus"), Pairing(View.NextMilestone.self, "EngagementNextMilestone"),
        Pairing(View.NextPayment.self, "EngagementNextPayment"),
        Pairing(PortalLink.self, "PortalLink"), Pairing(PortalLinkGrant.self, "PortalLinkGrant"),
        Pairing(EngagementPortalRoutes.NewLink.self, "NewPortalLink"),
        Pairing(PayNowRoutes.GatewayChoice.self, "PayNowRequest"), Pairing(PayNowResponse.self, "PayNow"),
    ]

    @Test("an engagement schema's properties are the type's fields", arguments: pairings)
    func fields(_ pairing: Pairing) throws {
        try OpenAPISchemaTests().fields(pairing)
    }

    @Test("engagement enum schemas list exactly the kernel's values")
    func enums() throws {
        let document = try OpenAPIAgreementTests.document()
        func check<Value: RawRepresentable & CaseIterable>(_ type: Value.Type, _ name: String) throws
        where Value.RawValue == String {
            let schema = try OpenAPISchemaTests.schema(name, in: document)
            let values = try #require(schema["enum"] as? [String], "\(name) has no enum")
            #expect(Set(values) == Set(Value.allCases.map(\.rawValue)), "\(name)")
        }
        try check(ProposalStatus.self, "ProposalStatus")
        try check(ProposalPaymentStatus.self, "ProposalPaymentStatus")
        try check(DeliverableStatus.self, "DeliverableStatus")
        try check(EngagementState.self, "EngagementState")
    }

    @Test("a status change names only the statuses the route sets")
    func statusChange() throws {
        let document = try OpenAPIAgreementTests.document()
        let schema = try OpenAPISchemaTests.schema("ProposalStatusChange", in: document)
        let status = (schema["properties"] as? [String: Any])?["status"] as? [String: Any]
        let values = try #require(status?["enum"] as? [String])
        #expect(values == [ProposalStatus.active.rawValue, ProposalStatus.completed.rawValue])
    }

    @Test("engagement sort parameters allow exactly the kernel's sort fields, each either way, and default as the kernel does")
    func sorts() throws {
        let document = try OpenAPIAgreementTests.document()
        let parameters = try #require((document["components"] as? [String: Any])?["parameters"] as? [String: Any])
        for (name, fields, standard) in [
            ("ProposalSort", ProposalListOptions.sortFields, ProposalListOptions().sort),
            ("DeliverableSort", DeliverableListOptions.sortFields, DeliverableListOptions().sort),
        ] {
            let parameter = try #require(parameters[name] as? [String: Any], "no parameter \(name)")
            let schema = parameter["schema"] as? [String: Any] ?? [:]
            let values = schema["enum"] as? [String] ?? []
            #expect(Set(values) == Set(fields.flatMap { [$0.rawValue, "-" + $0.rawValue] }), "\(name)")
            #expect(schema["default"] as? String == (standard.descending ? "-" : "") + standard.field.rawValue, "\(name)")
        }
    }
}

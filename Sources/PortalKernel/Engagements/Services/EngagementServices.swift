/// Every engagement use case: contract documents and signatures, proposals with their phases,
/// milestones and payment schedules, deliverables, the client portal view and its shareable links.
///
/// They share the billing context, since proposals invoice through the billing engine:
/// `portal.engagements.proposals.approve(…)`.
public struct EngagementServices: Sendable {
    public let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    public var proposals: Proposals { Proposals(context: context) }
    public var deliverables: Deliverables { Deliverables(context: context) }
    public var portal: EngagementPortal { EngagementPortal(context: context) }
    public var portalLinks: PortalLinks { PortalLinks(context: context) }
}

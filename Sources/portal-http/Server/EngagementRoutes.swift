/// Engagements under `/api/v1`: proposals and their payment schedules, deliverables, the client
/// portal view of an engagement with its "pay now" and shareable links, and "pay now" on any
/// invoice.
///
/// The routes only translate HTTP to ``EngagementServices`` calls: staff write proposals,
/// deliverables and links; a company user allowed to sign contracts approves a proposal; anyone
/// who may read the company reads its engagements. Another company's engagement answers the
/// same `404` as one that does not exist; an action the caller may not take on a record they
/// can see answers `403`.
enum EngagementRoutes {
    static let routes: [APIRoute] =
        ProposalRoutes.routes + DeliverableRoutes.routes + EngagementPortalRoutes.routes + PayNowRoutes.routes
        + SharedPortalRoutes.routes
}

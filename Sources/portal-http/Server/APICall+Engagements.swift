import PortalAssembly
import PortalKernel

extension APICall {
    /// The engagement use cases: proposals, deliverables, the client portal view and its
    /// shareable links (``EngagementServices``).
    var engagements: EngagementServices { assembled.portal.engagements }
}

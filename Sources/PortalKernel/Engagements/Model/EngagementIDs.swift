// Typed identifiers of engagement records.

/// Marks ProposalID.
public enum ProposalTag: IdentifierTag { public static let entityName = "proposal" }
/// Identifies a proposal (an engagement): the id of its portal view too.
public typealias ProposalID = Identifier<ProposalTag>

/// Marks ProposalPhaseID.
public enum ProposalPhaseTag: IdentifierTag { public static let entityName = "proposal_phase" }
/// Identifies one phase of a proposal.
public typealias ProposalPhaseID = Identifier<ProposalPhaseTag>

/// Marks MilestoneID.
public enum MilestoneTag: IdentifierTag { public static let entityName = "milestone" }
/// Identifies one milestone of a proposal.
public typealias MilestoneID = Identifier<MilestoneTag>

/// Marks ProposalPaymentID.
public enum ProposalPaymentTag: IdentifierTag { public static let entityName = "proposal_payment" }
/// Identifies one item of a proposal's payment schedule.
public typealias ProposalPaymentID = Identifier<ProposalPaymentTag>

/// Marks DeliverableID.
public enum DeliverableTag: IdentifierTag { public static let entityName = "deliverable" }
/// Identifies a deliverable.
public typealias DeliverableID = Identifier<DeliverableTag>

/// Marks PortalLinkID.
public enum PortalLinkTag: IdentifierTag { public static let entityName = "portal_link" }
/// Identifies a shareable read-only link to a portal view.
public typealias PortalLinkID = Identifier<PortalLinkTag>

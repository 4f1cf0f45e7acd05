import ArgumentParser
import PortalAssembly
import PortalKernel

extension ProposalCommand {
    /// `proposal show ID`: the proposal with its plan and the portal's summary of it.
    struct Show: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a proposal: its plan, payment schedule, deliverables, progress, next milestone and next payment.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        /// What `--json` prints: the proposal as stored and the client portal's view of it.
        struct Report: Encodable {
            let proposal: Proposal
            let portal: EngagementPortalView
        }

        func run() async throws {
            try await withTenant { tenant in
                let proposal = try await tenant.proposal(id)
                let view = try await tenant.engagements.portal.view(proposal.id, by: tenant.principal)
                let company = await tenant.companyLabel(proposal.companyId)
                tenant.output.emit(Report(proposal: proposal, portal: view)) {
                    ProposalDetails(proposal: proposal, view: view, company: company).rendered
                }
            }
        }
    }
}

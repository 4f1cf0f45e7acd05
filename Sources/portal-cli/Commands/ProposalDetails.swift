import PortalKernel

/// A proposal as `proposal show` prints it: its header, the portal's summary (progress, the next
/// milestone and the next payment), then its phases, milestones, payment schedule (with each
/// item's status and invoice number) and deliverables.
///
/// The summary and the invoice numbers come from the portal view, so the operator sees the
/// engagement exactly as the client does.
struct ProposalDetails {
    let proposal: Proposal
    let view: EngagementPortalView
    /// `CT-2026-00017 Karoo Coffee`, when known.
    let company: String?

    var rendered: String {
        [header, summary, phases, milestones, payments, deliverables].joined(separator: "\n")
    }

    private var header: String {
        let client = view.client
        var fields: [(String, String)] = [
            ("Proposal", proposal.title), ("ID", proposal.id.uuidString), ("Company", company ?? client.company),
            ("Contact", client.name + (client.contactEmail.map { " <\($0)>" } ?? "")),
            ("Contract", view.contract.map { "\($0.title) (\($0.status.rawValue)\($0.signedDate.map { ", signed \($0)" } ?? ""))" } ?? "-"),
            ("Status", proposal.status.rawValue), ("Currency", proposal.currency.code),
        ]
        if let sent = proposal.sentAt { fields.append(("Sent", sent.shortText)) }
        if let approved = proposal.approvedAt {
            fields.append(("Approved", approved.shortText + (proposal.approvedBy.map { " by \($0)" } ?? "")))
        }
        if let completed = proposal.completedAt { fields.append(("Completed", completed.shortText)) }
        fields.append(("Purpose", proposal.purpose))
        return DetailLines(fields).rendered
    }

    private var summary: String {
        let status = view.status
        let progress = """
            \(status.completedDeliverables) of \(status.totalDeliverables) deliverables completed \
            (\(status.progressPercent)%), \(status.blockedDeliverables) blocked, \(status.overdueDeliverables) overdue
            """
        let invoiceNumbers = Dictionary(uniqueKeysWithValues: view.payments.compactMap { item in
            item.invoice.map { (item.id, $0.number ?? $0.id.uuidString) }
        })
        let nextPayment = status.nextPayment.map { next in
            "\(next.description), \(next.amount.formatted()) due \(next.dueDate) (\(next.status.rawValue)"
                + (invoiceNumbers[next.id].map { ", \($0)" } ?? "") + ")"
        }
        return DetailLines([
            ("Engagement", status.overall.rawValue + " (as of \(view.asOf))"), ("Progress", progress),
            ("Next milestone", status.nextMilestone.map { "\($0.title), due \($0.dueDate)" } ?? "-"),
            ("Next payment", nextPayment ?? "-"),
        ]).rendered
    }

    private var phases: String {
        "Phases\n"
            + Table(
                headers: ["#", "NAME", "DESCRIPTION"],
                rows: proposal.phases.map { [String($0.position + 1), $0.name, $0.description.cell] }
            ).rendered
    }

    private var milestones: String {
        "Milestones\n"
            + Table(
                headers: ["#", "TITLE", "PHASE", "DUE", "DONE", "ID"],
                rows: view.proposal.milestones.map { milestone in
                    [String(milestone.position + 1), milestone.title, milestone.phase.cell, milestone.dueDate.iso8601,
                     milestone.completed ? "yes" : "no", milestone.id.uuidString]
                }
            ).rendered
    }

    private var payments: String {
        let taxCodes = Dictionary(uniqueKeysWithValues: proposal.payments.map { ($0.id, $0.taxCode) })
        return "Payment schedule\n"
            + Table(
                headers: ["#", "DESCRIPTION", "AMOUNT", "DUE", "TAX", "STATUS", "INVOICE", "ID"],
                rows: view.payments.enumerated().map { index, item in
                    [String(index + 1), item.description, item.amount.formatted(), item.dueDate.iso8601,
                     (taxCodes[item.id] ?? nil).cell, item.status.rawValue,
                     item.invoice.map { $0.number ?? $0.id.uuidString }.cell, item.id.uuidString]
                }
            ).rendered
    }

    private var deliverables: String {
        "Deliverables\n"
            + Table(
                headers: ["TITLE", "STATUS", "DUE", "OVERDUE", "NOTES", "ID"],
                rows: view.deliverables.map { deliverable in
                    [deliverable.title, deliverable.status.rawValue, deliverable.dueDate?.iso8601 ?? "-",
                     deliverable.overdue ? "yes" : "no", deliverable.notes.cell, deliverable.id.uuidString]
                }
            ).rendered
    }
}

import PortalKernel

// The client portal view is the API's most requested document; it is written directly.
// Members are in the order of their snake_case keys, as `JSONCoding` sorts them, and optional
// members are left out when `nil`, as synthesized `Encodable` conformances do.
// `ResponseJSONTests` compares every type here with `JSONCoding` byte for byte.

extension EngagementPortalView: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("as_of")
        writer.date(asOf)
        writer.key("client")
        client.writeJSON(to: &writer)
        if let contract {
            writer.key("contract")
            contract.writeJSON(to: &writer)
        }
        writer.key("deliverables")
        writer.array(deliverables) { writer, deliverable in deliverable.writeJSON(to: &writer) }
        writer.key("engagement_id")
        writer.identifier(engagementId)
        writer.key("payments")
        writer.array(payments) { writer, payment in payment.writeJSON(to: &writer) }
        writer.key("proposal")
        proposal.writeJSON(to: &writer)
        writer.key("status")
        status.writeJSON(to: &writer)
        writer.endObject()
    }
}

extension EngagementPortalView.Client: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("company")
        writer.string(company)
        writer.key("company_id")
        writer.identifier(companyId)
        if let contactEmail {
            writer.key("contact_email")
            writer.string(contactEmail)
        }
        writer.key("contact_id")
        writer.identifier(contactId)
        writer.key("name")
        writer.string(name)
        writer.endObject()
    }
}

extension EngagementPortalView.ContractSummary: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.identifier(id)
        if let signedDate {
            writer.key("signed_date")
            writer.date(signedDate)
        }
        writer.key("status")
        writer.raw(status)
        writer.key("title")
        writer.string(title)
        writer.endObject()
    }
}

extension EngagementPortalView.DeliverableSummary: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        if let category {
            writer.key("category")
            writer.string(category)
        }
        if let completedAt {
            writer.key("completed_at")
            writer.instant(completedAt)
        }
        if let dueDate {
            writer.key("due_date")
            writer.date(dueDate)
        }
        writer.key("id")
        writer.identifier(id)
        if let milestoneId {
            writer.key("milestone_id")
            writer.identifier(milestoneId)
        }
        if let notes {
            writer.key("notes")
            writer.string(notes)
        }
        writer.key("overdue")
        writer.bool(overdue)
        writer.key("status")
        writer.raw(status)
        writer.key("title")
        writer.string(title)
        writer.endObject()
    }
}

extension EngagementPortalView.ProposalSummary: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.identifier(id)
        writer.key("milestones")
        writer.array(milestones) { writer, milestone in milestone.writeJSON(to: &writer) }
        writer.key("phases")
        writer.array(phases) { writer, phase in phase.writeJSON(to: &writer) }
        writer.key("purpose")
        writer.string(purpose)
        writer.key("status")
        writer.raw(status)
        writer.key("title")
        writer.string(title)
        writer.endObject()
    }
}

extension ProposalPhase: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        if let description {
            writer.key("description")
            writer.string(description)
        }
        writer.key("id")
        writer.identifier(id)
        writer.key("name")
        writer.string(name)
        writer.key("position")
        writer.integer(position)
        writer.endObject()
    }
}

extension EngagementPortalView.MilestoneSummary: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("completed")
        writer.bool(completed)
        writer.key("due_date")
        writer.date(dueDate)
        writer.key("id")
        writer.identifier(id)
        if let phase {
            writer.key("phase")
            writer.string(phase)
        }
        if let phaseId {
            writer.key("phase_id")
            writer.identifier(phaseId)
        }
        writer.key("position")
        writer.integer(position)
        writer.key("title")
        writer.string(title)
        writer.endObject()
    }
}

extension EngagementPortalView.PaymentSummary: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("amount")
        writer.money(amount)
        writer.key("description")
        writer.string(description)
        writer.key("due_date")
        writer.date(dueDate)
        writer.key("id")
        writer.identifier(id)
        if let invoice {
            writer.key("invoice")
            invoice.writeJSON(to: &writer)
        }
        writer.key("status")
        writer.raw(status)
        writer.endObject()
    }
}

extension EngagementPortalView.InvoiceLink: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("amount_due")
        writer.money(amountDue)
        if let dueDate {
            writer.key("due_date")
            writer.date(dueDate)
        }
        writer.key("id")
        writer.identifier(id)
        if let number {
            writer.key("number")
            writer.string(number)
        }
        writer.key("pdf_url")
        writer.string(pdfUrl)
        writer.key("status")
        writer.raw(status)
        writer.key("total")
        writer.money(total)
        writer.key("url")
        writer.string(url)
        writer.endObject()
    }
}

extension EngagementPortalView.StatusSummary: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("blocked_deliverables")
        writer.integer(blockedDeliverables)
        writer.key("completed_deliverables")
        writer.integer(completedDeliverables)
        if let nextMilestone {
            writer.key("next_milestone")
            nextMilestone.writeJSON(to: &writer)
        }
        if let nextPayment {
            writer.key("next_payment")
            nextPayment.writeJSON(to: &writer)
        }
        writer.key("overall")
        writer.raw(overall)
        writer.key("overdue_deliverables")
        writer.integer(overdueDeliverables)
        writer.key("progress_percent")
        writer.integer(progressPercent)
        writer.key("total_deliverables")
        writer.integer(totalDeliverables)
        writer.endObject()
    }
}

extension EngagementPortalView.NextMilestone: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("due_date")
        writer.date(dueDate)
        writer.key("id")
        writer.identifier(id)
        writer.key("title")
        writer.string(title)
        writer.endObject()
    }
}

extension EngagementPortalView.NextPayment: ResponseJSONWritable {
    func writeJSON(to writer: inout ResponseJSONWriter) {
        writer.beginObject()
        writer.key("amount")
        writer.money(amount)
        writer.key("description")
        writer.string(description)
        writer.key("due_date")
        writer.date(dueDate)
        writer.key("id")
        writer.identifier(id)
        if let invoiceId {
            writer.key("invoice_id")
            writer.identifier(invoiceId)
        }
        writer.key("status")
        writer.raw(status)
        writer.endObject()
    }
}

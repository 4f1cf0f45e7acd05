extension EngagementServices {
    /// Contract documents: versions of the text while a draft, the frozen text once sent, and
    /// copies that start a new version as a new contract.
    public var contractDocuments: ContractDocuments { ContractDocuments(context: context) }

    /// Sending contracts, the client's electronic signature and staff's countersignature.
    public var contractSigning: ContractSigning { ContractSigning(context: context) }

    /// Contracts as PDF: the text, the signature page and the audit trail.
    public var contractPDF: ContractPDF { ContractPDF(context: context) }
}

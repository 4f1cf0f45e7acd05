import Foundation
import PortalKernel

/// Payment by bank transfer (EFT): the payer is shown the amount, a reference to quote and the
/// business's bank details, and the money arrives outside Portal.
///
/// The gateway only says how to pay. The kernel owns the rest: it records the payment the
/// client reports (with the reference they quoted) and staff approve or reject it.
///
/// ## What the payer is shown
/// ``startPayment(_:account:)`` answers ``PaymentGatewayNextStep/instructions(_:)`` with
/// - the **reference**: the invoice number when the payment settles one, otherwise a short
///   reference derived from the idempotency key (``reference(forIdempotencyKey:)``), so a retried
///   call returns the same reference without the gateway keeping any state;
/// - a **summary** from the account's `instructions` setting, else the plugin's, else
///   ``defaultInstructions``;
/// - **details** in display order: "Amount" (``Money/formatted()``, `"ZAR 1,250.00"`),
///   "Reference", then the bank details from the account's `details` setting, else the
///   plugin's (see ``details(fromJSON:field:)`` for the form);
/// - a **due date** from the request's `metadata["due_date"]` (`YYYY-MM-DD`), when present.
///
/// Missing bank details throw ``PortalError`` `invalid` with field `details`: a tenant must
/// set them up before the method can be offered.
///
/// ## Refunds
/// A bank-transfer refund is money the business sends back itself. ``refund(_:account:)``
/// checks the request and answers `succeeded`, with the refund's idempotency key as the
/// provider reference: the kernel records refunds staff have already paid. The gateway cannot
/// know what was collected, so the kernel enforces the remaining amount.
///
/// ## Modes, status and webhooks
/// Capabilities list only `live`: there is no sandbox for a bank transfer. Nothing reports
/// a transfer back, so status look-ups and webhooks are not offered (they throw `invalid`
/// naming `operation`).
///
/// The bank details are not secrets, but they are never logged, put into errors, or shown by
/// ``description``.
///
/// ```swift
/// let gateway = try ManualPaymentsGateway(
///     details: ManualPaymentsGateway.details(fromJSON: #"[{"label": "Bank", "value": "FNB"}, {"label": "Account number", "value": "62845190731"}]"#))
/// let start = try await gateway.startPayment(request, account: .default)
/// ```
public struct ManualPaymentsGateway: PaymentGateway, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The summary shown when neither the account nor the plugin sets one.
    public static let defaultInstructions =
        "Pay by bank transfer (EFT) into the account below and quote the reference exactly, so we can match your payment."

    /// Bank transfer in any currency, any country, with refunds the business pays itself.
    public static let capabilities = PaymentGatewayCapabilities(
        name: "manual", displayName: "Bank transfer",
        operations: [.offlineInstructions, .fullRefund, .partialRefund], modes: [.live])

    /// The keys read from ``ProviderAccount/settings`` (a tenant's payment method).
    public enum AccountSetting {
        /// The summary shown to the payer.
        public static let instructions = "instructions"
        /// The bank details, as JSON (``ManualPaymentsGateway/details(fromJSON:field:)``).
        public static let details = "details"
    }

    /// The metadata key of ``PaymentGatewayRequest/metadata`` holding the due date (`YYYY-MM-DD`).
    public static let dueDateMetadataKey = "due_date"

    public var capabilities: PaymentGatewayCapabilities { Self.capabilities }

    /// The plugin's summary, used when an account sets none.
    private let instructions: String?
    /// The plugin's bank details, used when an account sets none (single-tenant installations).
    private let details: [PaymentGatewayLabeledValue]

    /// A gateway with the plugin-wide fallbacks for accounts that set nothing.
    public init(instructions: String? = nil, details: [PaymentGatewayLabeledValue] = []) {
        self.instructions = instructions.flatMap(Self.nonBlank)
        self.details = details
    }

    /// A gateway from the plugin's settings `instructions` and `details` (both optional).
    /// - Throws: ``PortalError`` `invalid` naming the full key when `details` is malformed.
    public init(settings: PluginSettings) throws {
        let details = try settings.string("details").flatMap(Self.nonBlank).map {
            try Self.details(fromJSON: $0, field: settings.fullKey("details"))
        }
        self.init(instructions: settings.string("instructions"), details: details ?? [])
    }

    public func startPayment(_ request: PaymentGatewayRequest, account: ProviderAccount) async throws -> PaymentGatewayStart {
        try request.validate()
        try capabilities.validate(amount: request.amount)
        if let flow = request.flow, flow != .offlineInstructions {
            throw PaymentGatewayCapabilities.unsupported(flow, gateway: capabilities.displayName)
        }
        let dueDate = try Self.dueDate(in: request.metadata)
        let bankDetails = try bankDetails(for: account)
        let reference = Self.payerReference(for: request)
        let instructions = PaymentGatewayInstructions(
            reference: reference,
            summary: summary(for: account),
            details: [
                PaymentGatewayLabeledValue("Amount", request.amount.formatted()),
                PaymentGatewayLabeledValue("Reference", reference),
            ] + bankDetails,
            dueDate: dueDate)
        return .nextStep(.instructions(instructions), reference: PaymentGatewayReference(id: reference))
    }

    /// Records a refund the business pays back itself: checks the request and answers
    /// `succeeded` with the refund's idempotency key as the provider reference.
    /// - Throws: ``PortalError`` `invalid` naming `idempotency_key`, `refund_id`, `payment_id`,
    ///   `reference` or `amount` (a partial refund must be positive).
    public func refund(_ request: PaymentGatewayRefundRequest, account: ProviderAccount) async throws -> PaymentGatewayRefund {
        try PaymentGatewayRequest.validate(idempotencyKey: request.idempotencyKey)
        guard !request.refundID.isEmpty else { throw PortalError.invalid("A refund id is required.", field: "refund_id") }
        guard !request.paymentID.isEmpty else { throw PortalError.invalid("A payment id is required.", field: "payment_id") }
        guard !request.reference.id.isEmpty else {
            throw PortalError.invalid("The payment's reference is required.", field: "reference")
        }
        if let amount = request.amount, !amount.isPositive {
            throw PortalError.invalid("The refund amount must be positive.", field: "amount")
        }
        return PaymentGatewayRefund(state: .succeeded, providerReference: request.idempotencyKey, amount: request.amount)
    }

    public var description: String {
        "ManualPaymentsGateway(instructions: \(instructions == nil ? "default" : "set"), bank details: \(details.count) entries)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension ManualPaymentsGateway {
    /// The account's summary, else the plugin's, else ``defaultInstructions``.
    func summary(for account: ProviderAccount) -> String {
        account.settings[AccountSetting.instructions].flatMap(Self.nonBlank) ?? instructions ?? Self.defaultInstructions
    }

    /// The account's bank details, else the plugin's.
    /// - Throws: ``PortalError`` `invalid` with field `details` when they are malformed or missing.
    func bankDetails(for account: ProviderAccount) throws -> [PaymentGatewayLabeledValue] {
        let configured = try account.settings[AccountSetting.details].flatMap(Self.nonBlank).map {
            try Self.details(fromJSON: $0, field: AccountSetting.details)
        }
        let details = configured ?? self.details
        guard !details.isEmpty else {
            throw PortalError.invalid(
                "Bank transfer needs the bank details payers should pay into; set them up for this payment method.",
                field: AccountSetting.details)
        }
        return details
    }

    /// The due date in `metadata`, when present.
    /// - Throws: ``PortalError`` `invalid` with field `metadata.due_date` when it is not `YYYY-MM-DD`.
    static func dueDate(in metadata: [String: String]) throws -> LocalDate? {
        guard let text = metadata[dueDateMetadataKey].flatMap(nonBlank) else { return nil }
        guard let date = LocalDate(iso8601: text) else {
            throw PortalError.invalid("The due date must be a date as YYYY-MM-DD.", field: "metadata.\(dueDateMetadataKey)")
        }
        return date
    }

    /// `text` without surrounding whitespace, or `nil` when nothing is left.
    static func nonBlank(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

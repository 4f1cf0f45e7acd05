/// What has become of a submitted debit-order batch, from
/// ``PaymentGatewayDebitOrders/debitBatchOutcome(_:account:)``.
///
/// Fetch it repeatedly: first the provider loads the batch (``State/notReady`` until the load
/// report exists), then on and after the action date items turn `paid` or `unpaid`.
public struct PaymentGatewayDebitOutcome: Sendable, Hashable, Codable {
    /// How the batch as a whole stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// The provider has not finished loading the batch.
        case notReady = "not_ready"
        /// Loaded; every item accepted.
        case loaded
        /// Loaded, but some items were rejected (see ``PaymentGatewayDebitOutcome/items``).
        case loadedWithErrors = "loaded_with_errors"
        /// The whole batch was rejected.
        case rejected
    }

    public var batchReference: String
    public var state: State
    /// What is known per item; items not listed have no news.
    public var items: [PaymentGatewayDebitItemOutcome]
    /// Batch-level messages from the provider, for the operator.
    public var messages: [String]

    public init(
        batchReference: String, state: State, items: [PaymentGatewayDebitItemOutcome] = [], messages: [String] = []
    ) {
        self.batchReference = batchReference
        self.state = state
        self.items = items
        self.messages = messages
    }
}

/// What happened to one item of a debit-order batch.
public struct PaymentGatewayDebitItemOutcome: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Loaded and waiting for the action date (or, for mandates, accepted).
        case accepted
        /// Refused when the batch was loaded (a bad branch code).
        case rejected
        /// Collected.
        case paid
        /// Returned unpaid by the debtor's bank; see the decline (ACB reason code).
        case unpaid
    }

    /// The item's ``PaymentGatewayDebitItem/accountReference``.
    public var accountReference: String
    /// The item's ``PaymentGatewayDebitItem/paymentID``, when known.
    public var paymentID: String?
    public var state: State
    /// The amount collected or returned, when reported.
    public var amount: Money?
    /// Why it was rejected or unpaid.
    public var decline: PaymentGatewayDecline?

    public init(
        accountReference: String, paymentID: String? = nil, state: State, amount: Money? = nil,
        decline: PaymentGatewayDecline? = nil
    ) {
        self.accountReference = accountReference
        self.paymentID = paymentID
        self.state = state
        self.amount = amount
        self.decline = decline
    }

    // `ID`/`URL` keys are spelled `Id`/`Url` so they survive JSONCoding's snake_case round trip.
    private enum CodingKeys: String, CodingKey {
        case accountReference, paymentID = "paymentId", state, amount, decline
    }
}

/// The optional plugins a ``Portal`` was built with, by port and name.
public struct PortalPlugins: Sendable {
    /// Payment gateways by plugin name (`"stripe"`, `"manual"`).
    public var paymentGateways: [String: any PaymentGateway]
    /// The mailer, when one is enabled.
    public var mailer: (any Mailer)?
    /// Code hosts by plugin name (`"github"`, `"gitlab"`).
    public var codeHosts: [String: any CodeHost]
    /// The document renderer, when one is enabled.
    public var documentRenderer: (any DocumentRenderer)?

    public init(
        paymentGateways: [String: any PaymentGateway] = [:], mailer: (any Mailer)? = nil,
        codeHosts: [String: any CodeHost] = [:], documentRenderer: (any DocumentRenderer)? = nil
    ) {
        self.paymentGateways = paymentGateways
        self.mailer = mailer
        self.codeHosts = codeHosts
        self.documentRenderer = documentRenderer
    }

    /// The gateway named `name`, or `not_found` naming the field.
    public func paymentGateway(_ name: String) throws -> any PaymentGateway {
        guard let gateway = paymentGateways[name] else {
            throw PortalError.notFound("No payment gateway '\(name)' is enabled.", field: "gateway")
        }
        return gateway
    }
}

import PortalKernel

extension PaymentGatewayConformance {
    /// `startPayment` with valid input: idempotent references and a next step among the flows.
    static var startChecks: [Entry] {
        [
            Entry(name: "start repeated with one idempotency key gives one reference", run: sameKeySameReference),
            Entry(name: "start with different idempotency keys gives different references", run: differentKeysDifferentReferences),
            Entry(name: "start answers with a listed flow", run: nextStepIsListed),
        ]
    }

    @Sendable static func sameKeySameReference(_ suite: PaymentGatewayConformance) async throws {
        let gateway = try suite.providerGateway()
        let request = suite.validRequest(gateway.capabilities)
        let first = try await suite.startAccepted(gateway, request, "the first start")
        let second = try await suite.startAccepted(gateway, request, "the repeated start")
        guard let reference = first.reference else { throw ConformanceFailure("the first start returned no reference") }
        try conformanceExpect(
            second.reference == reference,
            "the repeated start returned the reference '\(second.reference?.id ?? "none")', the first '\(reference.id)'")
    }

    @Sendable static func differentKeysDifferentReferences(_ suite: PaymentGatewayConformance) async throws {
        let gateway = try suite.providerGateway()
        let first = try await suite.startAccepted(gateway, suite.validRequest(gateway.capabilities), "the first start")
        let second = try await suite.startAccepted(gateway, suite.validRequest(gateway.capabilities), "the second start")
        guard let one = first.reference, let other = second.reference else {
            throw ConformanceFailure("a start returned no reference")
        }
        try conformanceExpect(one.id != other.id, "two attempts with different keys share the reference '\(one.id)'")
    }

    @Sendable static func nextStepIsListed(_ suite: PaymentGatewayConformance) async throws {
        let gateway = try suite.providerGateway()
        let capabilities = gateway.capabilities
        let start = try await suite.startAccepted(gateway, suite.validRequest(capabilities), "the start")
        switch start {
        case .nextStep(let step, let reference):
            let flow: PaymentGatewayOperation =
                switch step {
                case .redirect: .hostedCheckout
                case .formPost: .formPost
                case .clientConfirmation: .clientConfirmation
                case .instructions: .offlineInstructions
                }
            try conformanceExpect(capabilities.supports(flow), "the next step needs '\(flow.rawValue)', which is not listed")
            try conformanceExpect(!reference.id.isEmpty, "the next step came with an empty reference")
            if case .instructions(let instructions) = step {
                try conformanceExpect(!instructions.reference.isEmpty, "the instructions give no reference to quote")
                try conformanceExpect(!instructions.summary.isEmpty, "the instructions have no summary")
            }
        case .processed(let status):
            try conformanceExpect(!status.reference.id.isEmpty, "the processed payment came with an empty reference")
        case .declined(let decline, _):
            throw ConformanceFailure("a valid payment with the conformance account was declined (\(decline.code))")
        }
    }
}

import PortalKernel

extension PaymentGatewayConformance {
    /// Nothing sensitive in descriptions, dumps or errors; misconfigured accounts refused cleanly.
    static var secrecyChecks: [Entry] {
        let noValues: @Sendable (PaymentGatewayConformance, PaymentGatewayCapabilities) -> String? = { suite, _ in
            suite.allSensitiveValues.isEmpty ? "no sensitive values: pass sensitiveValues or an account with secrets" : nil
        }
        return [
            Entry(name: "descriptions and dumps leak no sensitive value", skip: noValues, run: descriptionsLeakNothing),
            Entry(name: "errors leak no sensitive value", skip: noValues, run: errorsLeakNothing),
            Entry(
                name: "misconfigured accounts are refused with a PortalError",
                skip: { suite, _ in suite.misconfiguredAccounts.isEmpty ? "no misconfiguredAccounts given" : nil },
                run: misconfiguredAccountsAreRefused),
        ]
    }

    @Sendable static func descriptionsLeakNothing(_ suite: PaymentGatewayConformance) async throws {
        let gateway = try suite.offlineGateway().0
        var dumped = ""
        dump(gateway, to: &dumped)
        try suite.expectNoLeak(String(describing: gateway), in: "the gateway's description")
        try suite.expectNoLeak(String(reflecting: gateway), in: "the gateway's debug description")
        try suite.expectNoLeak(dumped, in: "the gateway's dump")
        try suite.expectNoLeak(String(reflecting: gateway.capabilities), in: "the capabilities")
    }

    @Sendable static func errorsLeakNothing(_ suite: PaymentGatewayConformance) async throws {
        let capabilities = try suite.offlineGateway().0.capabilities
        var errors: [(String, any Error)] = []
        for defect in suite.allRequestDefects(capabilities) {
            let gateway = try suite.offlineGateway().0
            var request = suite.validRequest(capabilities)
            defect.spoil(&request)
            let spoilt = request
            if let error = await suite.attempt({ _ = try await gateway.startPayment(spoilt, account: suite.account) }) {
                errors.append((defect.what, error))
            }
        }
        for entry in unlistedCalls where !capabilities.supports(entry.operation) {
            let gateway = try suite.offlineGateway().0
            if let error = await suite.attempt({ try await entry.call(suite, gateway) }) {
                errors.append(("calling '\(entry.operation.rawValue)'", error))
            }
        }
        if capabilities.supports(.fullRefund) || capabilities.supports(.partialRefund) {
            let gateway = try suite.offlineGateway().0
            let request = suite.anyRefund(capabilities, key: "has spaces")
            if let error = await suite.attempt({ _ = try await gateway.refund(request, account: suite.account) }) {
                errors.append(("a refund with a malformed key", error))
            }
        }
        for (index, account) in suite.misconfiguredAccounts.enumerated() {
            let gateway = try suite.providerGateway()
            let request = suite.validRequest(capabilities)
            if let error = await suite.attempt({ _ = try await gateway.startPayment(request, account: account) }) {
                errors.append(("a start with misconfigured account #\(index + 1)", error))
            }
        }
        for (what, error) in errors {
            try suite.expectNoLeak(String(describing: error), in: "the error of \(what)")
            try suite.expectNoLeak(String(reflecting: error), in: "the debug description of the error of \(what)")
            if let error = error as? PortalError {
                try suite.expectNoLeak(error.debugDetail ?? "", in: "the debug detail of the error of \(what)")
            }
        }
    }

    @Sendable static func misconfiguredAccountsAreRefused(_ suite: PaymentGatewayConformance) async throws {
        for (index, account) in suite.misconfiguredAccounts.enumerated() {
            let gateway = try suite.providerGateway()
            let request = suite.validRequest(gateway.capabilities)
            let what = "a start with misconfigured account #\(index + 1)"
            switch await suite.attempt({ _ = try await gateway.startPayment(request, account: account) }) {
            case nil:
                throw ConformanceFailure("\(what) succeeded")
            case let error as TransportError:
                throw ConformanceFailure("\(what) needed the network (\(error.kind.rawValue)); pass a providerTransport")
            case is PortalError:
                continue
            case let error?:
                throw ConformanceFailure("\(what) threw \(type(of: error)), not a PortalError")
            }
        }
    }
}

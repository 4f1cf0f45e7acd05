import Testing

@testable import PortalHTTP

@Suite("Client address behind proxies")
struct ClientAddressTests {
    let proxies: Set<String> = ["10.0.0.1", "10.0.0.2"]

    @Test func theNearestUntrustedHopIsTheClient() {
        #expect(ClientAddressMiddleware.client(forwardedFor: ["203.0.113.7"], peer: "10.0.0.1", trusted: proxies) == "203.0.113.7")
        #expect(
            ClientAddressMiddleware.client(forwardedFor: ["198.51.100.9, 203.0.113.7, 10.0.0.2"], peer: "10.0.0.1", trusted: proxies)
                == "203.0.113.7")
        #expect(
            ClientAddressMiddleware.client(forwardedFor: ["198.51.100.9", "203.0.113.7"], peer: "10.0.0.1", trusted: proxies)
                == "203.0.113.7")
    }

    @Test func withoutAForwardedClientThePeerStays() {
        #expect(ClientAddressMiddleware.client(forwardedFor: [], peer: "10.0.0.1", trusted: proxies) == "10.0.0.1")
        #expect(ClientAddressMiddleware.client(forwardedFor: ["10.0.0.2, "], peer: "10.0.0.1", trusted: proxies) == "10.0.0.1")
    }
}

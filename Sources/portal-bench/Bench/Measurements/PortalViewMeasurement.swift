import Foundation
import PortalKernel

/// The client portal view under load: `GET /api/v1/engagements/{id}/portal` over random
/// engagements, each with its tenant's token, against the same server's `/healthz` measured the
/// same way in the same run; then the view's latency as an engagement grows.
public struct PortalViewMeasurement: Sendable {
    public struct Result: Sendable, Codable {
        public var healthz: WrkLoad.Result
        public var portal: WrkLoad.Result
        /// Portal requests/s as a share of `/healthz` requests/s.
        public var ratioToHealthz: Double
        public var growth: [Growth]
    }

    /// The view of one engagement with `deliverables` deliverables, requested alone.
    public struct Growth: Sendable, Codable {
        public var deliverables: Int
        public var load: WrkLoad.Result
        /// Size of one response, in bytes.
        public var responseBytes: Int
    }

    let load: WrkLoad
    let growthLoad: WrkLoad

    public init(load: WrkLoad, growthLoad: WrkLoad) {
        self.load = load
        self.growthLoad = growthLoad
    }

    public func run(port: Int, data: SeededDataSet) async throws -> Result {
        let healthz = try await load.run(port: port, targets: [WrkLoad.Target(path: "/healthz")])
        let targets = data.engagements.map { target(for: $0, in: data) }
        try requireOK(targets[0], port: port)
        let portal = try await load.run(port: port, targets: targets)
        var growth: [Growth] = []
        for engagement in data.growth {
            let target = target(for: engagement, in: data)
            let bytes = try requireOK(target, port: port)
            growth.append(Growth(
                deliverables: engagement.deliverables, load: try await growthLoad.run(port: port, targets: [target]),
                responseBytes: bytes))
        }
        return Result(
            healthz: healthz, portal: portal,
            ratioToHealthz: healthz.requestsPerSecond > 0 ? portal.requestsPerSecond / healthz.requestsPerSecond : 0,
            growth: growth)
    }

    func target(for engagement: SeededEngagement, in data: SeededDataSet) -> WrkLoad.Target {
        WrkLoad.Target(
            path: "/api/v1/engagements/\(engagement.proposalId.uuidString)/portal",
            bearerToken: data.tenants[engagement.tenantIndex].apiToken)
    }

    /// Checks one request answers 200 before measuring (a load of 401s would be fast and wrong);
    /// returns the body's size.
    @discardableResult
    func requireOK(_ target: WrkLoad.Target, port: Int) throws -> Int {
        let response = try LoopbackHTTPConnection(port: port).send(
            "GET", target.path, headers: target.bearerToken.map { [("Authorization", "Bearer \($0)")] } ?? [])
        guard response.status == 200 else {
            throw PortalError.unavailable(
                "GET \(target.path) answered \(response.status).", debugDetail: String(response.text.prefix(1_000)))
        }
        return response.body.count
    }
}

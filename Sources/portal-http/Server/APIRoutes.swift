import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The JSON API under `/api/v1`. Later features add their route groups here.
struct APIRoutes {
    let assembled: AssembledPortal

    struct ServiceInfo: Encodable {
        let name: String
        let apiVersion: String
        let database: String
    }

    func register(on router: Router<PortalRequestContext>) {
        let api = router.group("api/v1")
        api.get { _, _ in
            try JSONResponse.make(
                ServiceInfo(name: "portal", apiVersion: "v1", database: assembled.configuration.database.pluginName))
        }
    }
}

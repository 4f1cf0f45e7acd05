import ArgumentParser
import PortalKernel

/// `--tenant SLUG`, taken by every command that acts inside one tenant.
struct TenantOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The tenant's slug (see `portal-cli tenant list`).", valueName: "slug"))
    var tenant: String
}

/// `--limit` and `--cursor` of list commands.
struct PageOptions: ParsableArguments {
    @Option(help: "At most this many items (1-\(PageRequest.maximumLimit)).")
    var limit = PageRequest.defaultLimit

    @Option(help: "Continue after the previous page (the cursor it printed).")
    var cursor: String?

    var request: PageRequest {
        get throws { try PageRequest(limit: limit, cursor: cursor) }
    }
}

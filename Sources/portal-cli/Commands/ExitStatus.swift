import ArgumentParser
import PortalAssembly
import PortalKernel

/// The process exit status for each error kind (documented in `portal-cli --help`).
enum ExitStatus {
    /// `audit verify` found a broken audit chain.
    static let auditChainBroken: Int32 = 7
    /// The error code `audit verify` reports a broken chain with (`--json` prints it in the error shape).
    static let auditChainBrokenCode = PortalError.Code(rawValue: "audit_chain_broken")
    /// `billing run` could not bill some due periods (the summary names each; the next run retries them).
    static let billingPeriodsFailed: Int32 = 8

    static func code(for error: PortalError) -> Int32 {
        switch error.code {
        case .invalid, .tooLarge: 2
        case .notFound: 3
        case .conflict: 4
        case .forbidden, .unauthenticated: 5
        case .unavailable, .rateLimited: 6
        default: 1
        }
    }
}

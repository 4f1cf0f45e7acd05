import Foundation
import Testing

@testable import PortalHTTP

/// ``AuthenticationMiddleware/bearerToken(_:)`` reads the usual `Bearer <token>` without
/// splitting; every header, usual or not, gets the answer the general rule gives.
@Suite("Bearer token parsing")
struct BearerTokenParsingTests {
    /// The general rule: the scheme in any case, then the token with surrounding blanks trimmed.
    private static func reference(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    @Test("same token as the general rule", arguments: [
        "Bearer pt_dP3SESLFFNSzZ997XOvlUVnkwmD99RGaKCSD_1n4g6c", "Bearer x", "bearer pt_abc", "BEARER pt_abc", "Bearer  pt_abc",
        "Bearer pt_abc ", "Bearer\tpt_abc", " Bearer pt_abc", "Bearer ", "Bearer", "Basic dXNlcjpwYXNz", "Bearer pt_a b",
        "Bearer pt_é", "Bearer pt_\u{7F}", "Bearer \t", "Bearerpt_abc", "", "Bearer pt_abc\t",
    ])
    func sameAsTheGeneralRule(_ header: String) {
        #expect(AuthenticationMiddleware.bearerToken(header) == Self.reference(header))
    }
}

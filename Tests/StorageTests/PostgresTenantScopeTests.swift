import Testing

@testable import PortalPostgres

/// The tenant scope is set in the same round trip as `BEGIN` only when it cannot leave its
/// string literal; anything else is bound as a parameter.
@Suite("PostgreSQL tenant scope statement")
struct PostgresTenantScopeTests {
    @Test func identifiersAreWrittenInline() {
        #expect(
            PostgresConnection.inlineScopeStatement("01a148df-f800-7732-81a8-bb9dfc6945bd")
                == "SELECT set_config('portal.tenant_id', '01a148df-f800-7732-81a8-bb9dfc6945bd', true)")
    }

    @Test(arguments: ["", "x", "a' OR true --", "01a1'; RESET ROLE; --", String(repeating: "a", count: 65), "ä"])
    func anythingElseIsBound(_ scope: String) {
        #expect(PostgresConnection.inlineScopeStatement(scope) == nil)
    }
}

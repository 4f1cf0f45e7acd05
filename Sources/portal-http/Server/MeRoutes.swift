import HTTPTypes
import Hummingbird
import Logging
import PortalAssembly
import PortalKernel

/// The signed-in user's own account (`/me/…`): who they are, their password and their
/// two-factor sign-in. Set-up of the second factor also works in an `enrollment` session.
enum MeRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "me", handler: me),
        APIRoute(.post, "me/password", handler: changePassword),
        APIRoute(.post, "me/two-factor/enrollment", access: enrolling, handler: beginEnrollment),
        APIRoute(.post, "me/two-factor/confirm", access: enrolling, handler: confirmEnrollment),
        APIRoute(.post, "me/two-factor/disable", handler: disableTwoFactor),
        APIRoute(.post, "me/two-factor/recovery-codes", handler: regenerateRecoveryCodes),
    ]

    /// Active sessions and API tokens, and sessions that must set up two-factor sign-in first.
    static let enrolling = APIAccess.principal(stages: [.active, .enrollment], bearer: true)

    struct Me: Encodable {
        let user: User
        let tenant: Tenant
        let memberships: [CompanyMembership]
        let stage: SessionStage
    }

    struct PasswordChange: Decodable {
        let currentPassword: String
        let newPassword: String
    }

    struct Code: Decodable {
        let code: String
    }

    struct CodeOrRecoveryCode: Decodable {
        let code: String?
        let recoveryCode: String?
    }

    struct Enrollment: Encodable {
        let secret: String
        let provisioningUri: String
    }

    struct RecoveryCodes: Encodable {
        let recoveryCodes: [String]
    }

    @Sendable static func me(_ call: APICall) async throws -> Response {
        let principal = try call.principal()
        guard let userId = principal.userId else { throw PortalError.unauthenticated() }
        let user = try await call.identity.users.get(userId, by: principal)
        let tenant = try await call.identity.tenants.current(by: principal)
        var stage = SessionStage.active
        if case .session(_, let session) = call.context.credential { stage = session.session.stage }
        let memberships = principal.memberships.values.sorted { $0.companyId < $1.companyId }
        return try call.json(Me(user: user, tenant: tenant, memberships: memberships, stage: stage))
    }

    @Sendable static func changePassword(_ call: APICall) async throws -> Response {
        let body = try await call.body(PasswordChange.self)
        try await call.identity.authenticator.changePassword(current: body.currentPassword, new: body.newPassword, by: try call.principal())
        return call.noContent()
    }

    @Sendable static func beginEnrollment(_ call: APICall) async throws -> Response {
        let enrollment = try await call.identity.twoFactor.beginEnrollment(by: try call.principal())
        return try call.json(Enrollment(secret: enrollment.secret, provisioningUri: enrollment.provisioningURI))
    }

    @Sendable static func confirmEnrollment(_ call: APICall) async throws -> Response {
        let body = try await call.body(Code.self)
        let codes = try await call.identity.twoFactor.confirmEnrollment(code: body.code, by: try call.principal())
        return try call.json(RecoveryCodes(recoveryCodes: codes))
    }

    @Sendable static func disableTwoFactor(_ call: APICall) async throws -> Response {
        let body = try await call.body(CodeOrRecoveryCode.self)
        try await call.identity.twoFactor.disable(code: body.code, recoveryCode: body.recoveryCode, by: try call.principal())
        return call.noContent()
    }

    @Sendable static func regenerateRecoveryCodes(_ call: APICall) async throws -> Response {
        let body = try await call.body(Code.self)
        let codes = try await call.identity.twoFactor.regenerateRecoveryCodes(code: body.code, by: try call.principal())
        return try call.json(RecoveryCodes(recoveryCodes: codes))
    }
}

import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli token create|list|revoke`: API tokens for integrations and scripts.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token that acts as a user, with that user's rights.",
            discussion: """
                The secret is printed once and never again (only its hash is stored). Send it as \
                `Authorization: Bearer pt_…`.
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The email of the user the token acts as.", valueName: "email"))
        var user: String

        @Option(help: "What the token is for, to recognise it later (\"CI deploys\").")
        var name: String

        @Option(help: ArgumentHelp("Expire the token after this many days (default: never).", valueName: "days"))
        var expiresDays: Int?

        func validate() throws {
            if let expiresDays, !(1...3650).contains(expiresDays) {
                throw ValidationError("--expires-days must be between 1 and 3650.")
            }
        }

        struct Report: Encodable {
            let token: APIToken
            let secret: String
            let warning: String
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let identity = assembled.portal.identity
                let owner = try await identity.users.find(email: user, field: "user", by: scope.principal)
                let expiresAt = expiresDays.map { assembled.portal.clock.now() + .seconds(Int64($0) * 86_400) }
                let issued = try await identity.apiTokens
                    .create(name: name, expiresAt: expiresAt, for: owner.id, by: scope.principal)
                let warning = "This secret is shown only once: store it now. Revoke the token if it leaks."
                session.output.message(
                    """
                    Created API token \(issued.token.id) "\(issued.token.name)" for \(owner.email), \
                    \(issued.token.expiresAt.map { "expiring \($0.shortText)" } ?? "without expiry").
                    \(issued.secret)
                    \(warning)
                    """,
                    json: Report(token: issued.token, secret: issued.secret, warning: warning))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a tenant's API tokens, newest first (revoked and expired ones too).")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only the tokens of the user with this email.", valueName: "email"))
        var user: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let identity = assembled.portal.identity
                var owner: User?
                if let user { owner = try await identity.users.find(email: user, field: "user", by: scope.principal) }
                let tokens = try await identity.apiTokens
                    .list(for: owner?.id, by: scope.principal, page: try page.request)
                var emails: [UserID: String] = [:]
                for id in Set(tokens.items.map(\.userId)) {
                    emails[id] = try await identity.users.get(id, by: scope.principal).email
                }
                let now = assembled.portal.clock.now()
                session.output.emit(page: tokens) {
                    Table(
                        headers: ["ID", "NAME", "PREFIX", "USER", "STATE", "CREATED", "EXPIRES", "LAST USED"],
                        rows: tokens.items.map { token in
                            let state =
                                token.revokedAt != nil ? "revoked"
                                : token.expiresAt.map { $0 <= now } == true ? "expired" : "active"
                            return [
                                token.id.uuidString, token.name, token.prefix + "…", emails[token.userId] ?? token.userId.uuidString,
                                state, token.createdAt.shortText, token.expiresAt?.shortText ?? "never",
                                token.lastUsedAt?.shortText ?? "never",
                            ]
                        })
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token: it stops working at once.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The token's id (see `token list`).")
        var id: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let token = try await assembled.portal.identity.apiTokens
                    .revoke(try APITokenID(parsing: id, field: "id"), by: scope.principal)
                session.output.message("Revoked API token \(token.id) \"\(token.name)\" (\(token.prefix)…).", json: token)
            }
        }
    }
}

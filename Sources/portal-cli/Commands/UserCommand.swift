import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli user create|list`: the people who sign in to a tenant.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create and list a tenant's users.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user.",
            discussion: """
                Passwords are never taken as arguments, which shell history and process lists keep: with \
                --password-stdin the first line of standard input is the password (at a terminal you are \
                prompted, without echo). Without it the user has no password and sets one through a password reset.

                Example: printf '%s\\n' "$PASSWORD" | portal-cli user create --tenant demo --email ana@example.com --name Ana --password-stdin
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: "The email address the user signs in with (unique within the tenant).")
        var email: String

        @Option(help: "The user's full name.")
        var name: String

        @Option(help: "staff, client, developer or agency_admin (default: staff).")
        var kind: String?

        @Option(help: ArgumentHelp("The agency (id) a developer or agency admin works for.", valueName: "id"))
        var agency: String?

        @Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        /// Declared only to refuse it with a helpful message instead of "unknown option".
        @Option(name: .long, help: .hidden)
        var password: String?

        func validate() throws {
            if password != nil {
                throw ValidationError(
                    "Passwords are not accepted as arguments (shell history and process lists keep them); "
                        + "pipe the password in with --password-stdin.")
            }
        }

        struct Report: Encodable {
            let user: User
            let hasPassword: Bool
        }

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let secret = passwordStdin ? try SecretInput.readLine(prompt: "Password for \(email): ", field: "password") : nil
                let user = try await assembled.portal.identity.users.create(
                    NewUser(email: email, name: name, kind: kind, agencyId: agency, password: secret), by: scope.principal)
                let hint =
                    secret == nil
                    ? "\nThe user has no password yet: they set one through a password reset (\"Forgot password\" on the sign-in page)."
                    : ""
                session.output.message(
                    "Created \(user.kind.rawValue) user \(user.email) (\(user.name)) in \(scope.tenant.slug), id \(user.id).\(hint)",
                    json: Report(user: user, hasPassword: secret != nil))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's users, oldest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: "Only users of this kind: staff, client, developer or agency_admin.")
        var kind: String?

        @Option(help: "Only users in this state: active or disabled.")
        var status: String?

        @Option(help: "Only users whose name or email contains this text.")
        var search: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let filter = UserListOptions(
                    kind: try InputValidation.choice(kind, as: UserKind.self, field: "kind"),
                    status: try InputValidation.choice(status, as: UserStatus.self, field: "status"), search: search)
                let users = try await assembled.portal.identity.users.list(filter, page: try page.request, by: scope.principal)
                session.output.emit(page: users) {
                    Table(
                        headers: ["EMAIL", "NAME", "KIND", "STATUS", "2FA", "LAST SIGN-IN", "ID"],
                        rows: users.items.map { user in
                            [user.email, user.name, user.kind.rawValue, user.status.rawValue, user.twoFactorEnabled ? "on" : "off",
                             user.lastLoginAt?.shortText ?? "never", user.id.uuidString]
                        })
                }
            }
        }
    }
}

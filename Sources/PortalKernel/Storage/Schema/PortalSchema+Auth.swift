extension PortalSchema {
    /// What sign-in needs beyond ``identity``: the last TOTP time step a user signed in with, so
    /// a code cannot be used twice (``TOTP/matchingStep(_:at:window:)`` accepts only later steps).
    public static let authAdditions = Migration(
        id: "0005_auth_additions", postgresText: "ALTER TABLE users ADD COLUMN totp_last_step BIGINT;")
}

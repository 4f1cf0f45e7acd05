import PortalKernel

extension StorageConformance {
    /// Constraint violations: unique, primary key and foreign key are `conflict`; NOT NULL and CHECK are `invalid`.
    static var constraintChecks: [StorageCheck] {
        [
            StorageCheck(name: "unique and primary-key violations are conflict", run: uniqueViolationsAreConflicts),
            StorageCheck(name: "foreign-key violations are conflict", run: foreignKeyViolationsAreConflicts),
            StorageCheck(name: "not null and check violations are invalid", run: notNullAndCheckViolationsAreInvalid),
        ]
    }

    private static func createPeople(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            """
            CREATE TABLE conf_people (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                age \(schema.bigint) CHECK (age >= 0)
            );
            CREATE TABLE conf_pets (
                id \(schema.identity),
                owner_id TEXT NOT NULL REFERENCES conf_people (id),
                name TEXT NOT NULL
            );
            """)
        _ = try await database.write { connection in
            try connection.execute(
                "INSERT INTO conf_people (id, email, age) VALUES (\("p1"), \("ada@example.com"), \(36))")
            try connection.execute(
                "INSERT INTO conf_people (id, email, age) VALUES (\("p2"), \("alan@example.com"), \(41))")
            try connection.execute("INSERT INTO conf_pets (owner_id, name) VALUES (\("p1"), \("Rex"))")
        }
    }

    /// Fails when a client-facing rendering of `error` shows `secret`, a bound value.
    private static func expectNoLeak(_ error: PortalError, of secret: String, _ what: String) throws {
        try conformanceExpect(
            !error.message.contains(secret) && !error.description.contains(secret),
            "\(what): the error's message shows the bound value: \(error.description)")
    }

    @Sendable static func uniqueViolationsAreConflicts(_ database: any Database) async throws {
        try await createPeople(database)

        let unique = try await expectPortalError(.conflict, "a duplicate UNIQUE email") {
            _ = try await database.write { connection in
                try connection.execute(
                    "INSERT INTO conf_people (id, email, age) VALUES (\("p3"), \("ada@example.com"), \(20))")
            }
        }
        try conformanceExpect(unique.constraint != nil, "a unique violation did not name its constraint")
        try expectNoLeak(unique, of: "ada@example.com", "unique violation")

        let primary = try await expectPortalError(.conflict, "a duplicate primary key") {
            _ = try await database.write { connection in
                try connection.execute(
                    "INSERT INTO conf_people (id, email, age) VALUES (\("p1"), \("new@example.com"), \(20))")
            }
        }
        try conformanceExpect(primary.constraint != nil, "a primary-key violation did not name its constraint")

        try await expectPortalError(.conflict, "an UPDATE making an email duplicate") {
            _ = try await database.write { connection in
                try connection.execute(
                    "UPDATE conf_people SET email = \("alan@example.com") WHERE id = \("p1")")
            }
        }

        let emails = try await database.read { connection in
            try connection.query("SELECT email FROM conf_people ORDER BY id").map { try $0.get("email", as: String.self) }
        }
        try conformanceExpect(
            emails == ["ada@example.com", "alan@example.com"], "the violations changed the table: \(emails)")
    }

    @Sendable static func foreignKeyViolationsAreConflicts(_ database: any Database) async throws {
        try await createPeople(database)

        let missingParent = try await expectPortalError(.conflict, "a pet whose owner does not exist") {
            _ = try await database.write { connection in
                try connection.execute("INSERT INTO conf_pets (owner_id, name) VALUES (\("nobody"), \("Ghost"))")
            }
        }
        try conformanceExpect(missingParent.constraint != nil, "a foreign-key violation did not name its constraint")

        try await expectPortalError(.conflict, "deleting an owner who still has a pet") {
            _ = try await database.write { connection in
                try connection.execute("DELETE FROM conf_people WHERE id = \("p1")")
            }
        }

        try await expectPortalError(.conflict, "moving a pet to an owner who does not exist") {
            _ = try await database.write { connection in
                try connection.execute("UPDATE conf_pets SET owner_id = \("nobody") WHERE name = \("Rex")")
            }
        }

        try conformanceExpect(try await database.count("conf_people") == 2, "the refused DELETE removed an owner")
        try conformanceExpect(try await database.count("conf_pets") == 1, "the refused INSERT added a pet")
        let deleted = try await database.write { connection in
            try connection.execute("DELETE FROM conf_people WHERE id = \("p2")")
        }
        try conformanceExpect(deleted == 1, "deleting an unreferenced owner reported \(deleted) rows")
    }

    @Sendable static func notNullAndCheckViolationsAreInvalid(_ database: any Database) async throws {
        try await createPeople(database)

        try await expectPortalError(.invalid, "a NULL email (NOT NULL)") {
            _ = try await database.write { connection in
                try connection.execute(
                    "INSERT INTO conf_people (id, email, age) VALUES (\("p3"), \(String?.none), \(20))")
            }
        }
        try await expectPortalError(.invalid, "an omitted NOT NULL column") {
            _ = try await database.write { connection in
                try connection.execute("INSERT INTO conf_pets (owner_id) VALUES (\("p1"))")
            }
        }
        let check = try await expectPortalError(.invalid, "a negative age (CHECK)") {
            _ = try await database.write { connection in
                try connection.execute(
                    "INSERT INTO conf_people (id, email, age) VALUES (\("p3"), \("young@example.com"), \(-1))")
            }
        }
        try expectNoLeak(check, of: "young@example.com", "check violation")
        try await expectPortalError(.invalid, "an UPDATE breaking the CHECK") {
            _ = try await database.write { connection in
                try connection.execute("UPDATE conf_people SET age = \(-5) WHERE id = \("p2")")
            }
        }

        let ages = try await database.read { connection in
            try connection.query("SELECT age FROM conf_people ORDER BY id").map { try $0.get("age", as: Int.self) }
        }
        try conformanceExpect(ages == [36, 41], "the violations changed the table: ages \(ages)")
        try conformanceExpect(try await database.count("conf_pets") == 1, "a refused pet was stored")
    }
}

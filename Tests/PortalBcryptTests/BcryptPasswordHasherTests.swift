import PortalBlocking
import PortalKernel
import Testing

@testable import PortalBcrypt

@Suite("BcryptPasswordHasher")
struct BcryptPasswordHasherTests {
    static let pool = BlockingThreadPool(name: "bcrypt-tests", threads: 2)

    @Test("A hash verifies its password and nothing else")
    func roundTrip() async throws {
        let hasher = try BcryptPasswordHasher(cost: 4, pool: Self.pool)
        let hash = try await hasher.hash("correct horse battery")
        #expect(hash.count == 60)
        #expect(["$2a$04$", "$2b$04$", "$2y$04$"].contains(String(hash.prefix(7))))
        #expect(try await hasher.verify("correct horse battery", against: hash))
        #expect(try await !hasher.verify("correct horse batterY", against: hash))
        #expect(try await !hasher.verify("", against: hash))
    }

    @Test("Two hashes of one password differ and both verify")
    func salted() async throws {
        let hasher = try BcryptPasswordHasher(cost: 4, pool: Self.pool)
        let first = try await hasher.hash("correct horse battery")
        let second = try await hasher.hash("correct horse battery")
        #expect(first != second)
        #expect(try await hasher.verify("correct horse battery", against: second))
    }

    @Test(
        "Malformed stored hashes do not verify",
        arguments: [
            "", "not a hash", "$2b$04$", "$2b$99$" + String(repeating: "a", count: 53),
            "$2b$03$" + String(repeating: "a", count: 53), "$1$04$" + String(repeating: "a", count: 54),
            "$2b$04$" + String(repeating: "!", count: 53), "$2b$04$" + String(repeating: "a", count: 54),
        ])
    func malformed(hash: String) async throws {
        let hasher = try BcryptPasswordHasher(cost: 4, pool: Self.pool)
        #expect(try await !hasher.verify("correct horse battery", against: hash))
        #expect(hasher.needsRehash(hash))
    }

    @Test("Passwords bcrypt would truncate are refused, not silently shortened")
    func truncation() async throws {
        let hasher = try BcryptPasswordHasher(cost: 4, pool: Self.pool)
        let prefix = String(repeating: "a", count: 72)
        let hash = try await hasher.hash(prefix)
        #expect(try await !hasher.verify(prefix + "b", against: hash))
        await #expect(throws: PortalError.self) { try await hasher.hash(prefix + "b") }
        let short = try await hasher.hash("correct horse")
        #expect(try await !hasher.verify("correct horse\u{0}tail", against: short))
        await #expect(throws: PortalError.self) { try await hasher.hash("correct horse\u{0}tail") }
    }

    @Test("Costs outside 4...31 are refused", arguments: [-1, 0, 3, 32, 100])
    func costRange(cost: Int) {
        #expect(throws: PortalError.invalid(
            "The bcrypt cost must be between 4 and 31; got \(cost).", field: "auth.bcrypt_cost")) {
            try BcryptPasswordHasher(cost: cost, pool: Self.pool)
        }
    }

    @Test("The default cost is 12")
    func defaultCost() throws {
        #expect(BcryptPasswordHasher.defaultCost == 12)
        #expect(try BcryptPasswordHasher(pool: Self.pool).cost == 12)
        #expect(try BcryptPasswordHasher(cost: 4, pool: Self.pool).cost == 4)
        #expect(try BcryptPasswordHasher(cost: 31, pool: Self.pool).cost == 31)
    }

    @Test("A hash made with another cost needs rehashing")
    func needsRehash() async throws {
        let cheap = try BcryptPasswordHasher(cost: 4, pool: Self.pool)
        let dearer = try BcryptPasswordHasher(cost: 5, pool: Self.pool)
        let hash = try await cheap.hash("correct horse battery")
        #expect(!cheap.needsRehash(hash))
        #expect(dearer.needsRehash(hash))
        #expect(try await dearer.verify("correct horse battery", against: hash))
        #expect(!cheap.needsRehash("$2a$04$" + hash.dropFirst(7)))
    }
}

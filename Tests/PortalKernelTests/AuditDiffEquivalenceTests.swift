import Foundation
import Testing

@testable import PortalKernel

/// `AuditEntry.diff(before:after:)` must return exactly what it returned when it read
/// `JSONEncoder`'s output back with `JSONDecoder`.
@Suite("Audit diffs are unchanged")
struct AuditDiffEquivalenceTests {
    static func expectSameDiff<Value: Encodable>(_ before: Value?, _ after: Value?, _ label: String) throws {
        let expected = try AuditJSONReference.diff(before: before, after: after)
        let actual = try AuditEntry.diff(before: before, after: after)
        #expect(identical(expected, actual), "\(label): expected \(expected), got \(actual)")
    }

    /// A record with the shapes kernel types encode: optionals, nested values, secrets, dates.
    struct Record: Codable {
        var displayName: String
        var passwordHash: String?
        var apiKey: String?
        var amount: Money?
        var quantity: Quantity
        var percent: Percentage
        var tags: [String]
        var matrix: [[Int64]]
        var attributes: [String: String]
        var flag: Bool
        var ratio: Double
        var big: UInt64
        var when: Instant
        var day: LocalDate?
        var updatedAt: Instant
    }

    static func randomRecord(using generator: inout SeededGenerator) -> Record {
        Record(
            displayName: JSONCorpus.randomString(using: &generator),
            passwordHash: generator.next() % 2 == 0 ? nil : JSONCorpus.randomString(using: &generator),
            apiKey: generator.next() % 3 == 0 ? "key" : nil,
            amount: generator.next() % 2 == 0 ? nil : Money(minorUnits: generator.int64() / 4, currency: .zar),
            quantity: Quantity(thousandths: Int64.random(in: -1_000_000...1_000_000, using: &generator)),
            percent: Percentage(partsPerMillion: Int64.random(in: 0...1_000_000, using: &generator)),
            tags: (0..<Int(generator.next() % 3)).map { _ in JSONCorpus.randomString(using: &generator) },
            matrix: generator.next() % 2 == 0 ? [] : [[], [generator.int64()]],
            attributes: Dictionary((0..<Int(generator.next() % 3)).map { _ in
                (JSONCorpus.randomKey(using: &generator), JSONCorpus.randomString(using: &generator))
            }, uniquingKeysWith: { first, _ in first }),
            flag: generator.next() % 2 == 0, ratio: JSONCorpus.randomDouble(using: &generator),
            big: generator.next() % 2 == 0 ? UInt64.max : generator.next() >> 12,
            when: Instant(microsecondsSinceEpoch: Int64.random(in: 0...4_102_444_800_000_000, using: &generator)),
            day: generator.next() % 2 == 0 ? nil : LocalDate(daysSinceEpoch: Int64.random(in: 0...50_000, using: &generator)),
            updatedAt: Instant(microsecondsSinceEpoch: Int64(generator.next() >> 16)))
    }

    @Test("an invoice finalized, created, deleted and unchanged")
    func invoice() throws {
        let (draft, final) = AuditFixtures.invoices()
        try Self.expectSameDiff(draft, final, "finalized")
        try Self.expectSameDiff(Invoice?.none, final, "created")
        try Self.expectSameDiff(final, Invoice?.none, "deleted")
        try Self.expectSameDiff(draft, draft, "unchanged")
        #expect(try AuditEntry.diff(before: draft, after: final).keys.sorted() == ["due_date", "finalized_at", "issue_date", "number", "status"])
    }

    @Test("random records with secrets, money, doubles, big integers, nested arrays and maps")
    func randomRecords() throws {
        var generator = SeededGenerator(seed: 0xD1FF)
        for round in 0..<1_000 {
            let before = Self.randomRecord(using: &generator)
            var after = generator.next() % 4 == 0 ? before : Self.randomRecord(using: &generator)
            if generator.next() % 2 == 0 { after.displayName = before.displayName }
            try Self.expectSameDiff(before, after, "round \(round)")
            try Self.expectSameDiff(Record?.none, after, "created \(round)")
        }
    }

    @Test("random JSON trees as the values compared, scalars included")
    func randomTrees() throws {
        var generator = SeededGenerator(seed: 0x7EE5)
        for round in 0..<2_000 {
            let before = JSONCorpus.randomValue(depth: 3, using: &generator)
            let after = JSONCorpus.randomValue(depth: 3, using: &generator)
            try Self.expectSameDiff(before, after, "round \(round)")
        }
        try Self.expectSameDiff(JSONCorpus.document, JSONValue.object([:]), "corpus document")
        try Self.expectSameDiff("a string", "another", "top-level strings")
        try Self.expectSameDiff(Double.pi, 3.0, "top-level doubles")
    }

    @Test("values JSONEncoder refuses throw as before")
    func refused() {
        #expect(throws: (any Error).self) { try AuditEntry.diff(before: Double.nan, after: 1.0) }
        #expect(throws: (any Error).self) { try AuditJSONReference.diff(before: Double.nan, after: 1.0) }
    }
}

import Foundation
import Testing

@testable import PortalKernel

/// The audit trail's hashes and stored `changes` text must stay byte for byte what
/// `JSONCoding.encode` made of them, or existing chains would stop verifying.
@Suite("Audit hashes and changes text are unchanged")
struct AuditCanonicalJSONTests {
    static func randomChanges(using generator: inout SeededGenerator) -> [String: AuditChange] {
        var changes: [String: AuditChange] = [:]
        for _ in 0..<Int(generator.next() % 6) {
            func side() -> JSONValue? {
                switch generator.next() % 4 {
                case 0: nil
                case 1: .null
                default: JSONCorpus.randomValue(depth: 3, using: &generator)
                }
            }
            changes[JSONCorpus.randomKey(using: &generator)] = AuditChange(before: side(), after: side())
        }
        return changes
    }

    static func randomEvent(using generator: inout SeededGenerator) -> AuditEvent {
        func text() -> String { JSONCorpus.randomString(using: &generator) }
        func maybe() -> String? { generator.next() % 2 == 0 ? nil : text() }
        let instant = Instant(microsecondsSinceEpoch: Int64.random(in: 0...4_102_444_800_000_000, using: &generator))
        return AuditEvent(
            id: AuditEventID.generate(at: instant, using: &generator), tenantId: TenantID.generate(at: instant, using: &generator),
            sequence: generator.int64(), occurredAt: instant, actorType: text(), actorId: maybe(), actorLabel: text(), action: text(),
            resourceType: text(), resourceId: text(),
            companyId: generator.next() % 2 == 0 ? nil : CompanyID.generate(at: instant, using: &generator),
            ipAddress: maybe(), requestId: maybe(), changes: randomChanges(using: &generator),
            previousHash: generator.next() % 5 == 0 ? text() : Digests.sha256Hex([UInt8(truncatingIfNeeded: generator.next())]),
            hash: generator.next() % 2 == 0 ? "" : Digests.sha256Hex([1]))
    }

    static func expectUnchanged(_ event: AuditEvent, _ label: String) throws {
        var content = event
        content.hash = ""
        #expect(try event.canonicalContentJSON() == JSONCoding.encode(content), "\(label): content")
        #expect(try AuditTrail.hash(of: event) == AuditJSONReference.hash(of: event), "\(label): hash")
        // The `changes` column as `AuditTrail` stores it.
        let changes = AuditEvent.canonicalJSON(of: event.changes)
        let stored = try changes.map { String(decoding: $0, as: UTF8.self) } ?? JSONCoding.encodeToString(event.changes)
        #expect(stored == (try JSONCoding.encodeToString(event.changes)), "\(label): changes text")
        #expect(try AuditTrail.hash(of: event, changesJSON: changes) == AuditJSONReference.hash(of: event), "\(label): hash with changes")
    }

    @Test("an event recorded before the change keeps its hash (values written by the original code)")
    func recordedEvent() throws {
        let event = AuditEvent(
            id: AuditEventID("0195f1c2-7a10-7000-8000-00000000000a")!, tenantId: TenantID("0195f1c2-0000-7000-8000-000000000001")!,
            sequence: 42, occurredAt: Instant(microsecondsSinceEpoch: 1_774_915_200_123_456), actorType: "user",
            actorId: "0195f1c2-0000-7000-8000-000000000002", actorLabel: "Zoë <zoe@example.com>", action: "invoice.finalized",
            resourceType: "invoice", resourceId: "0195f1c2-0000-7000-8000-000000000003",
            companyId: CompanyID("0195f1c2-0000-7000-8000-000000000004")!, ipAddress: "2001:db8::1", requestId: "req/1",
            changes: [
                "status": AuditChange(before: .string("draft"), after: .string("open")),
                "number": AuditChange(before: nil, after: .string("INV-2026-03-00042")),
                "total": AuditChange(
                    before: .object(["amount": .integer(-9_223_372_036_854_775_808), "currency": .string("ZAR")]), after: .null),
                "memo": AuditChange(
                    before: .string("Tab\there, \"quoted\", back\\slash, a/b, \u{1} and 🎉"),
                    after: .array([.bool(true), .number(0.1), .object([:]), .array([])])),
                "password_hash": AuditChange(before: .string("[redacted]"), after: .string("[redacted]")),
            ],
            previousHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", hash: "ignored")
        let changes = #"{"memo":{"after":[true,0.1,{},[]],"before":"Tab\there, \"quoted\", back\\slash, a/b, \u0001 and 🎉"},"#
            + #""number":{"after":"INV-2026-03-00042"},"password_hash":{"after":"[redacted]","before":"[redacted]"},"#
            + #""status":{"after":"open","before":"draft"},"total":{"after":null,"before":{"amount":-9223372036854775808,"currency":"ZAR"}}}"#
        let content = #"{"action":"invoice.finalized","actor_id":"0195f1c2-0000-7000-8000-000000000002","#
            + #""actor_label":"Zoë <zoe@example.com>","actor_type":"user","changes":"# + changes
            + #","company_id":"0195f1c2-0000-7000-8000-000000000004","hash":"","id":"0195f1c2-7a10-7000-8000-00000000000a","#
            + #""ip_address":"2001:db8::1","occurred_at":"2026-03-31T00:00:00.123456Z","#
            + #""previous_hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","request_id":"req/1","#
            + #""resource_id":"0195f1c2-0000-7000-8000-000000000003","resource_type":"invoice","sequence":42,"#
            + #""tenant_id":"0195f1c2-0000-7000-8000-000000000001"}"#
        #expect(AuditEvent.canonicalJSON(of: event.changes).map { String(decoding: $0, as: UTF8.self) } == changes)
        #expect(String(decoding: try event.canonicalContentJSON(), as: UTF8.self) == content)
        #expect(try AuditTrail.hash(of: event) == "2befdea3ad4fb65f4ea4b8da2dc87033a027f04ff4017656f4685491b5bd1950")
        // Read back from its row, the event hashes the same, except that a side recorded as JSON
        // `null` reads back as absent (as it always has with `JSONDecoder`), so "total" is left out.
        var withoutNull = event
        withoutNull.changes["total"] = nil
        let stored = try JSONCoding.encodeToString(withoutNull.changes)
        let read = AuditEvent(row: try AuditChange.decodeMap(fromJSON: stored), like: withoutNull)
        #expect(try AuditTrail.hash(of: read) == AuditTrail.hash(of: withoutNull))
        #expect(try AuditChange.decodeMap(fromJSON: changes)["total"] == AuditChange(before: event.changes["total"]?.before, after: nil))
    }

    @Test("random events, every optional field both present and absent")
    func randomEvents() throws {
        var generator = SeededGenerator(seed: 0xA0D1_7EED)
        for round in 0..<2_000 {
            let event = Self.randomEvent(using: &generator)
            #expect(AuditEvent.canonicalJSON(of: event.changes) != nil)
            try Self.expectUnchanged(event, "event \(round)")
        }
    }

    @Test("an event of a finalized invoice, as the billing run records it")
    func invoiceEvent() throws {
        let (draft, final) = AuditFixtures.invoices()
        for changes in [try AuditEntry.diff(before: draft, after: final), try AuditEntry.diff(before: Invoice?.none, after: final)] {
            try Self.expectUnchanged(AuditFixtures.event(changes), "invoice")
        }
    }

    @Test("changes the writer cannot represent go through JSONEncoder, errors included")
    func unrepresentable() throws {
        var generator = SeededGenerator(seed: 7)
        var event = Self.randomEvent(using: &generator)
        var deep = JSONValue.null
        for _ in 0..<(CanonicalJSONWriter.maximumDepth + 10) { deep = .array([deep]) }
        event.changes = ["deep": AuditChange(before: nil, after: deep)]
        #expect(AuditEvent.canonicalJSON(of: event.changes) == nil)
        try Self.expectUnchanged(event, "deep")
        event.changes = ["nan": AuditChange(before: .number(.nan), after: .integer(1))]
        #expect(AuditEvent.canonicalJSON(of: event.changes) == nil)
        let expected = Result { try AuditJSONReference.hash(of: event) }
        let actual = Result { try AuditTrail.hash(of: event) }
        guard case .failure(let expectedError) = expected, case .failure(let actualError) = actual else {
            Issue.record("expected both to throw: \(expected), \(actual)")
            return
        }
        #expect(String(describing: expectedError) == String(describing: actualError))
    }

    @Test("stored changes text reads back as JSONDecoder read it")
    func readingChanges() throws {
        let texts = [
            "{}", #"{"a":{}}"#, #"{"a":{"before":null,"after":1}}"#, #"{"a":{"before":1}}"#, #"{"a":{"after":[1,{"b":null}]}}"#,
            #"{"a":{"before":"x","after":"y","extra":true}}"#, #"{"a":{"before":1,"before":2}}"#, #"{"a":1}"#, #"{"a":null}"#,
            #"{"a":[]}"#, "[]", "null", "1", #"{"a":{"before":1e400}}"#, #"{"a":{"after":0.1,"before":-0.0}}"#, "{", "",
            #"{"é":{"after":"\u00e9"},"e\u0301":{"after":2}}"#, #"{"Before":{"Before":1,"after":2}}"#,
        ]
        for text in texts {
            let expected = Result { try AuditJSONReference.decodeChanges(text) }
            let actual = Result { try AuditChange.decodeMap(fromJSON: text) }
            switch (expected, actual) {
            case (.success(let e), .success(let a)):
                #expect(identical(e, a), "\(text)")
            case (.failure, .failure(let a)):
                let direct = Result { try JSONDecoder().decode([String: AuditChange].self, from: Data(text.utf8)) }
                guard case .failure(let d) = direct else { Issue.record("\(text): JSONDecoder accepted it"); continue }
                #expect(String(describing: a) == String(describing: d), "\(text)")
            default:
                Issue.record("\(text): expected \(expected), read \(actual)")
            }
        }
        var generator = SeededGenerator(seed: 0x5EED)
        for round in 0..<2_000 {
            let changes = Self.randomChanges(using: &generator)
            let text = try JSONCoding.encodeToString(changes)
            #expect(identical(try AuditJSONReference.decodeChanges(text), try AuditChange.decodeMap(fromJSON: text)), "round \(round)")
        }
    }
}

extension AuditEvent {
    /// `event` with `changes` replaced, as ``AuditVerifier`` sees it after reading the row.
    fileprivate init(row changes: [String: AuditChange], like event: AuditEvent) {
        self = event
        self.changes = changes
    }
}

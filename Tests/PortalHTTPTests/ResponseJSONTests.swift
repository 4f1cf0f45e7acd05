import Foundation
import Testing

@testable import PortalHTTP
@testable import PortalKernel

/// ``ResponseJSON`` writes exactly the bytes `JSONCoding.encode` writes: compared on the portal
/// view, on hand-picked awkward values, on random trees and keys, and on every case it must
/// leave to Foundation.
@Suite("Response JSON: byte for byte as JSONCoding")
struct ResponseJSONTests {
    /// The fast path's bytes, which must exist and equal Foundation's.
    private func expectFast<Value: Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try JSONCoding.encode(value)
        let fast = ResponseJSONEncoder.encode(value)
        #expect(fast != nil, "the fast path gave up", sourceLocation: sourceLocation)
        #expect(
            fast.map { String(decoding: $0, as: UTF8.self) } == String(decoding: expected, as: UTF8.self),
            sourceLocation: sourceLocation)
        #expect(try ResponseJSON.encode(value) == expected, sourceLocation: sourceLocation)
    }

    /// A value the fast path must leave to Foundation, with the same result either way.
    private func expectFallback<Value: Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ResponseJSONEncoder.encode(value) == nil, "the fast path should give up", sourceLocation: sourceLocation)
        let expected = Result { try JSONCoding.encode(value) }
        let actual = Result { try ResponseJSON.encode(value) }
        switch (expected, actual) {
        case (.success(let expected), .success(let actual)):
            #expect(actual == expected, sourceLocation: sourceLocation)
        case (.failure, .failure):
            break
        default:
            Issue.record("ResponseJSON and JSONCoding disagree: \(expected) vs \(actual)", sourceLocation: sourceLocation)
        }
    }

    @Test("the portal view, with and without its optional parts")
    func portalView() throws {
        for full in [true, false] {
            try expectFast(Self.portalView(full: full))
        }
    }

    @Test("the portal view is written directly, byte for byte as JSONCoding writes it")
    func portalViewWriter() throws {
        for full in [true, false] {
            let view = Self.portalView(full: full)
            #expect((view as Any) is any ResponseJSONWritable)
            var writer = ResponseJSONWriter()
            view.writeJSON(to: &writer)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try JSONCoding.encode(view), as: UTF8.self))
            #expect(try ResponseJSON.encode(view) == JSONCoding.encode(view))
        }
        #expect(
            Self.unsetOptionals(in: Self.portalView(full: true)).isEmpty,
            "the full view sets every optional member, so the comparison covers each one")
    }

    @Test("dates and identifiers at the edges of their ranges", arguments: [
        LocalDate(year: 1, month: 1, day: 1)!, LocalDate(year: 999, month: 12, day: 31)!, LocalDate(year: 2024, month: 2, day: 29)!,
        LocalDate(year: 9999, month: 12, day: 31)!, LocalDate(daysSinceEpoch: -800_000), LocalDate(daysSinceEpoch: 3_000_000),
    ])
    func edgeDates(_ date: LocalDate) throws {
        var writer = ResponseJSONWriter()
        writer.date(date)
        #expect(writer.bytes == (try JSONCoding.encode(date)))
    }

    @Test("identifiers as their canonical text")
    func identifiers() throws {
        for bytes in [UUIDBytes(high: 0, low: 0), UUIDBytes(high: .max, low: .max), UUIDBytes(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)] {
            var writer = ResponseJSONWriter()
            writer.identifier(ProposalID(bytes: bytes))
            #expect(writer.bytes == (try JSONCoding.encode(ProposalID(bytes: bytes))))
        }
    }

    @Test("strings with quotes, backslashes, slashes, control characters and non-ASCII text")
    func strings() throws {
        let samples = [
            "", "plain", "quote \" backslash \\ slash / end", "tab\tnewline\nreturn\rbackspace\u{8}formfeed\u{C}",
            "\u{0}\u{1}\u{1F}\u{7F}", "Zoë, Ελληνικά, العربية, 漢字, 👩🏽‍💻", "</script>", String(repeating: "long ", count: 500),
        ]
        try expectFast(samples)
        for sample in samples { try expectFast(Wrapper(value: sample)) }
    }

    @Test("numbers, booleans and nulls")
    func numbers() throws {
        try expectFast([Int.min, -1, 0, 1, Int.max])
        try expectFast([UInt64.max])
        try expectFast(Numbers())
        try expectFast([0.0, -0.0, 0.1, 1.0, 1.5, -2.25, 1e-7, 1e21, 123456789.125, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude])
        try expectFast([Float(0.1), 3.0, -1e-3])
        try expectFast([true, false])
        try expectFast([Int?.none, 1])
        try expectFast(SingleValue(inner: Numbers()))
        try expectFast([SingleValue(inner: [SingleValue(inner: "nested")])])
    }

    @Test("keys in snake_case exactly as Foundation converts them", arguments: [
        "a", "id", "A", "URL", "isURL", "myURLProperty", "myURL2Property", "aBCd", "aBcD", "HTTPStatus", "x2Y", "already_snake",
        "_leading", "__double__", "trailing_", "ABC", "aB", "oneTwoThree", "_oneTwoThree_", "a1B2c3", "pdfUrl", "ID", "iD", "Ab",
        "a_B", "a__B_", "aBC_dEF", "123", "2fa", "x", "",
    ])
    func keys(_ key: String) throws {
        try expectFast(DynamicObject(members: [(key, .string("v"))]))
    }

    @Test("random keys and random trees")
    func randomTrees() throws {
        var generator = SplitMixGenerator(seed: 0x5EED)
        for _ in 0..<300 {
            let key = DynamicObject.randomKey(using: &generator)
            try expectFast(DynamicObject(members: [(key, .integer(1))]))
        }
        for _ in 0..<200 {
            try expectFast(Tree.random(depth: 4, using: &generator))
        }
    }

    @Test("what the fast path leaves to Foundation")
    func fallbacks() {
        expectFallback(Wrapper(value: Date(timeIntervalSinceReferenceDate: 12.5)))
        expectFallback(Wrapper(value: Data([1, 2, 3])))
        expectFallback(Wrapper(value: URL(string: "https://example.com/a/b")!))
        expectFallback(Wrapper(value: Decimal(string: "12.50")!))
        expectFallback(Wrapper(value: ["someKey": 1, "other": 2]))
        expectFallback([1: "a", 2: "b"])
        expectFallback(DynamicObject(members: [("same", .integer(1)), ("same", .integer(2))]))
        expectFallback(DynamicObject(members: [("naïveKey", .integer(1))]))
        expectFallback(Wrapper(value: Double.nan))
        expectFallback(Wrapper(value: Double.infinity))
        expectFallback(Nothing())
        expectFallback(Interleaved())
        expectFallback(Tree.deep(300))
    }

    // MARK: Values

    /// The paths of the `nil` optionals within `value`, at any depth.
    static func unsetOptionals(in value: Any, path: String = "view") -> [String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return [path] }
            return unsetOptionals(in: wrapped, path: path)
        }
        return mirror.children.enumerated().flatMap { index, child in
            unsetOptionals(in: child.value, path: "\(path).\(child.label ?? String(index))")
        }
    }

    static func portalView(full: Bool) -> EngagementPortalView {
        let instant = Instant(microsecondsSinceEpoch: 1_790_000_000_123_456)
        let date = LocalDate(year: 2026, month: 11, day: 21)!
        let money = Money(minorUnits: 262_300, currency: try! Currency(code: "USD"))
        let milestone = MilestoneID.generate(at: instant)
        let invoice = InvoiceID.generate(at: instant)
        let payment = EngagementPortalView.PaymentSummary(
            id: ProposalPaymentID.generate(at: instant), description: "Deposit \"50%\" / up front", amount: money,
            dueDate: date, status: .invoiced,
            invoice: full
                ? EngagementPortalView.InvoiceLink(
                    id: invoice, number: "INV-2026-11-00001", status: .open, total: money, amountDue: money, dueDate: date,
                    url: "/api/v1/invoices/\(invoice)", pdfUrl: "/api/v1/invoices/\(invoice)/pdf")
                : nil)
        return EngagementPortalView(
            engagementId: ProposalID.generate(at: instant),
            client: .init(
                name: "Emma Mahlangu", contactId: ContactID.generate(at: instant), contactEmail: full ? "emma@example.com" : nil,
                company: "Jacaranda Fitness", companyId: CompanyID.generate(at: instant)),
            contract: full
                ? .init(id: ContractID.generate(at: instant), title: "Master services", status: .signed, signedDate: date) : nil,
            deliverables: (0..<8).map { index in
                EngagementPortalView.DeliverableSummary(
                    id: DeliverableID.generate(at: instant), title: "Deliverable \(index)\n", status: .blocked,
                    category: full ? "Discovery" : nil, dueDate: full ? date : nil, completedAt: full ? instant : nil,
                    milestoneId: full ? milestone : nil, overdue: index % 2 == 0, notes: full ? "Waiting\tfor data" : nil)
            },
            proposal: .init(
                id: ProposalID.generate(at: instant), title: "Loyalty migration", purpose: "Two phases", status: .active,
                phases: [
                    ProposalPhase(
                        id: ProposalPhaseID.generate(at: instant), position: 0, name: "Discovery",
                        description: full ? "Workshops" : nil)
                ],
                milestones: [
                    .init(
                        id: milestone, title: "Discovery", phaseId: full ? ProposalPhaseID.generate(at: instant) : nil,
                        phase: full ? "Discovery" : nil, dueDate: date, position: 0, completed: full)
                ]),
            payments: [payment, payment],
            status: .init(
                overall: .blocked, completedDeliverables: 3, totalDeliverables: 8, progressPercent: 37,
                nextMilestone: full ? .init(id: milestone, title: "Discovery", dueDate: date) : nil,
                nextPayment: full
                    ? .init(
                        id: payment.id, description: payment.description, amount: money, dueDate: date, status: .pending,
                        invoiceId: invoice)
                    : nil,
                blockedDeliverables: 1, overdueDeliverables: 0),
            asOf: date)
    }
}

/// One member named `value`.
private struct Wrapper<Value: Encodable>: Encodable {
    let value: Value
}

/// Every integer width, a boolean and explicit and skipped nulls.
private struct Numbers: Encodable {
    var int8 = Int8.min, int16 = Int16.max, int32 = Int32.min, int64 = Int64.max
    var uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max, uint = UInt.max
    var flag = true
    var skipped: Int? = nil
    var present: Int? = 0

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(int8, forKey: "int8")
        try container.encode(int16, forKey: "int16")
        try container.encode(int32, forKey: "int32")
        try container.encode(int64, forKey: "int64")
        try container.encode(uint8, forKey: "uint8")
        try container.encode(uint16, forKey: "uint16")
        try container.encode(uint32, forKey: "uint32")
        try container.encode(uint64, forKey: "uint64")
        try container.encode(uint, forKey: "uint")
        try container.encode(flag, forKey: "flag")
        try container.encodeIfPresent(skipped, forKey: "skipped")
        try container.encodeIfPresent(present, forKey: "presentValue")
        try container.encodeNil(forKey: "explicitNull")
        var nested = container.nestedContainer(keyedBy: DynamicKey.self, forKey: "nestedObject")
        try nested.encode("x", forKey: "innerKey")
        var list = container.nestedUnkeyedContainer(forKey: "nestedList")
        try list.encode(1)
        try list.encodeNil()
        var inner = list.nestedContainer(keyedBy: DynamicKey.self)
        try inner.encode(2.5, forKey: "deepValue")
    }
}

/// Writes to an object after opening a nested one in it, then to the nested one again (which
/// Foundation merges into the nested object).
private struct Interleaved: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        var nested = container.nestedContainer(keyedBy: DynamicKey.self, forKey: "inner")
        try nested.encode(1, forKey: "first")
        try container.encode(2, forKey: "outer")
        try nested.encode(3, forKey: "second")
    }
}

/// Encodes its inner value through a single-value container.
private struct SingleValue<Inner: Encodable>: Encodable {
    let inner: Inner

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(inner)
    }
}

/// Encodes nothing at all.
private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

/// A coding key with any name.
private struct DynamicKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { self.stringValue = value }
}

/// An object with members in the given order, duplicates included.
private struct DynamicObject: Encodable {
    let members: [(String, Tree)]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        for (key, value) in members { try container.encode(value, forKey: DynamicKey(stringValue: key)) }
    }

    static func randomKey(using generator: inout SplitMixGenerator) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        let weighted = alphabet + Array("aeiouAEIOU_")
        return String((0..<Int.random(in: 1...12, using: &generator)).map { _ in weighted.randomElement(using: &generator)! })
    }
}

/// A random JSON-shaped value.
private indirect enum Tree: Encodable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([Tree])
    case object(DynamicObject)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value): try value.encode(to: encoder)
        case .integer(let value): try value.encode(to: encoder)
        case .number(let value): try value.encode(to: encoder)
        case .bool(let value): try value.encode(to: encoder)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .array(let values): try values.encode(to: encoder)
        case .object(let object): try object.encode(to: encoder)
        }
    }

    static func random(depth: Int, using generator: inout SplitMixGenerator) -> Tree {
        switch Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &generator) {
        case 0:
            let characters = Array("ab \"\\/\n\t\u{1}\u{1F}é漢👍")
            return .string(String((0..<Int.random(in: 0...8, using: &generator)).map { _ in characters.randomElement(using: &generator)! }))
        case 1: return .integer(Int.random(in: Int.min...Int.max, using: &generator))
        case 2: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 64)
        case 3: return .bool(Bool.random(using: &generator))
        case 4: return .null
        case 5: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in random(depth: depth - 1, using: &generator) })
        default:
            var keys = Set<String>()
            var members: [(String, Tree)] = []
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                let key = DynamicObject.randomKey(using: &generator)
                // Distinct after conversion, or Foundation keeps one of them.
                guard let converted = ResponseJSONKey.snakeCase(key), keys.insert(converted).inserted else { continue }
                members.append((key, random(depth: depth - 1, using: &generator)))
            }
            return .object(DynamicObject(members: members))
        }
    }

    /// Arrays nested `levels` deep.
    static func deep(_ levels: Int) -> Tree {
        (0..<levels).reduce(Tree.integer(1)) { inner, _ in .array([inner]) }
    }
}

/// A small seeded generator, so a failing case can be replayed.
private struct SplitMixGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
import Testing

@testable import PortalKernel

private enum InvoiceTag: IdentifierTag { static let entityName = "invoice" }
private enum PaymentTag: IdentifierTag { static let entityName = "payment" }
private typealias InvoiceID = Identifier<InvoiceTag>
private typealias PaymentID = Identifier<PaymentTag>

@Suite("Identifier")
struct IdentifierTests {
    let moment = Instant(microsecondsSinceEpoch: 1_795_247_667_123_456)

    @Test func versionSevenLayout() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<1_000 {
            let id = InvoiceID.generate(at: moment, using: &generator)
            #expect(id.bytes.version == 7)
            #expect(id.bytes.low >> 62 == 0b10)  // RFC 9562 variant
            let text = id.uuidString
            let characters = Array(text)
            #expect(characters.count == 36)
            #expect(characters[14] == "7")
            #expect("89ab".contains(characters[19]))
            #expect(text == text.lowercased())
            #expect(id.description == text)
        }
    }

    @Test func timestampExtraction() {
        var generator = SeededGenerator(seed: 8)
        #expect(InvoiceID.generate(at: moment, using: &generator).timestamp == Instant(microsecondsSinceEpoch: 1_795_247_667_123_000))
        for _ in 0..<1_000 {
            let micros = Int64.random(in: 0...(Int64(1) << 47) * 1_000, using: &generator)
            let id = PaymentID.generate(at: Instant(microsecondsSinceEpoch: micros), using: &generator)
            #expect(id.timestamp.microsecondsSinceEpoch == micros / 1_000 * 1_000)
        }
        // The text form carries the time: the first 12 hex digits are the Unix milliseconds.
        let id = InvoiceID.generate(at: Instant(microsecondsSinceEpoch: 0x0123_4567_89AB * 1_000), using: &generator)
        #expect(id.uuidString.hasPrefix("01234567-89ab-7"))
    }

    @Test("Identifiers sort by creation time, whatever their random bits")
    func orderingByTime() {
        var generator = SeededGenerator(seed: 9)
        var previous: InvoiceID?
        for step in 0..<2_000 {
            let at = Instant(microsecondsSinceEpoch: 1_700_000_000_000_000 + Int64(step) * 1_000)
            let id = InvoiceID.generate(at: at, using: &generator)
            if let previous {
                #expect(previous < id)
                #expect(previous.uuidString < id.uuidString)
                #expect(previous.timestamp < id.timestamp)
            }
            previous = id
        }
    }

    @Test("Parse/format round trip, any case in, lowercase out")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 10)
        for _ in 0..<2_000 {
            let id = InvoiceID(bytes: UUIDBytes(high: generator.next(), low: generator.next()))
            #expect(InvoiceID(id.uuidString) == id)
            #expect(InvoiceID(id.uuidString.uppercased()) == id)
            #expect(try InvoiceID(parsing: id.uuidString, field: "invoice_id") == id)
        }
        let text = "0192F3A4-5B6C-7D8E-9FA0-B1C2D3E4F506"
        #expect(InvoiceID(text)?.uuidString == text.lowercased())
        #expect(InvoiceID("00000000-0000-0000-0000-000000000000")?.bytes == UUIDBytes(high: 0, low: 0))
        #expect(InvoiceID("ffffffff-ffff-ffff-ffff-ffffffffffff")?.bytes == UUIDBytes(high: .max, low: .max))
    }

    @Test(
        "Malformed text is rejected",
        arguments: [
            "", "not-a-uuid", "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f50", "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5067",
            "0192f3a45b6c7d8e9fa0b1c2d3e4f506", "{0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506}", "0192f3a4-5b6c-7d8e-9fa0b-1c2d3e4f506",
            "0192f3a4_5b6c_7d8e_9fa0_b1c2d3e4f506", "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f50g", " 192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506",
            "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5ö", "0192f3a4-5b6c-7d8e-9fa0--1c2d3e4f506", "+192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506",
        ])
    func malformed(text: String) {
        #expect(InvoiceID(text) == nil)
        #expect(UUIDBytes(text) == nil)
        #expect(throws: PortalError.invalid("'\(text)' is not a valid identifier.", field: "invoice_id")) {
            try InvoiceID(parsing: text, field: "invoice_id")
        }
    }

    @Test("Typed identifiers are distinct types")
    func distinctTypes() {
        var generator = SeededGenerator(seed: 11)
        let invoice = InvoiceID.generate(at: moment, using: &generator)
        #expect(ObjectIdentifier(InvoiceID.self) != ObjectIdentifier(PaymentID.self))
        #expect((invoice as Any) is InvoiceID)
        #expect(!((invoice as Any) is PaymentID))
        #expect(PaymentID(invoice.uuidString)?.uuidString == invoice.uuidString)  // converting is explicit
        #expect(InvoiceTag.entityName != PaymentTag.entityName)
    }

    @Test func codingAndSQL() throws {
        var generator = SeededGenerator(seed: 12)
        let id = InvoiceID.generate(at: moment, using: &generator)
        let json = String(decoding: try JSONEncoder().encode([id]), as: UTF8.self)
        #expect(json == "[\"\(id.uuidString)\"]")
        #expect(try JSONDecoder().decode([InvoiceID].self, from: Data(json.utf8)) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([InvoiceID].self, from: Data(#"["nope"]"#.utf8)) }
        #expect(id.sqlValue == .text(id.uuidString))
        #expect(try InvoiceID(sqlValue: .text(id.uuidString)) == id)
        #expect(throws: SQLDecodingError.self) { try InvoiceID(sqlValue: .integer(1)) }
    }

    @Test func systemRandomnessGivesDistinctIdentifiers() {
        let ids = Set((0..<1_000).map { _ in InvoiceID.generate(at: moment) })
        #expect(ids.count == 1_000)
        #expect(ids.allSatisfy { $0.timestamp == Instant(microsecondsSinceEpoch: 1_795_247_667_123_000) })
    }
}

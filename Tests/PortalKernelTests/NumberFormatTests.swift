import PortalKernel
import Testing

@Suite("Document number formats")
struct NumberFormatTests {
    @Test("invoice, credit note and account numbers")
    func patterns() {
        let date = LocalDate(year: 2026, month: 3, day: 9)!
        #expect(NumberFormat("INV-{period}-{n:5}").format(42, period: "2026-11") == "INV-2026-11-00042")
        #expect(NumberFormat("CN-{yyyy}-{mm}-{n:5}").format(7, date: date) == "CN-2026-03-00007")
        #expect(NumberFormat("CT-{yyyy}-{n:5}").format(123_456, date: date) == "CT-2026-123456")
        #expect(NumberFormat("{n}").format(9) == "9")
    }

    @Test("unknown placeholders and unclosed braces are copied as they are")
    func literalText() {
        #expect(NumberFormat("A-{x}-{n:3}").format(5) == "A-{x}-005")
        #expect(NumberFormat("A-{n:3").format(5) == "A-{n:3")
        #expect(NumberFormat("{yyyy}-{n}").format(1) == "{yyyy}-1", "no date, no year")
    }
}

import Testing

@testable import PortalKernel

@Suite("List pages")
struct PageTests {
    @Test func theNextCursorIsAlwaysWrittenAndNullOnTheLastPage() throws {
        #expect(try JSONCoding.encodeToString(Page(items: [1, 2], nextCursor: "abc")) == #"{"items":[1,2],"next_cursor":"abc"}"#)
        #expect(try JSONCoding.encodeToString(Page(items: [3], nextCursor: nil)) == #"{"items":[3],"next_cursor":null}"#)
    }

    @Test func cursorsRoundTripAndRefuseForgeries() throws {
        let id = "01a1fdeb-10f4-7342-a2af-f3f010eccab4"
        let cursor = KeysetPage.encode(key: "Karoo Coffee", id: id)
        #expect(!cursor.contains("=") && !cursor.contains("+") && !cursor.contains("/"))
        #expect(try KeysetPage.decode(cursor) == ("Karoo Coffee", id))
        #expect(throws: PortalError.self) { try KeysetPage.decode("not a cursor") }
        #expect(throws: PortalError.self) { try KeysetPage.decode(KeysetPage.encode(key: "x", id: "not-a-uuid")) }
    }
}

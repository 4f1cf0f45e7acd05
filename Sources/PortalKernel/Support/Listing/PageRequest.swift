/// Which page of a list to return: at most ``limit`` items after ``cursor``.
public struct PageRequest: Sendable, Hashable {
    /// The largest page a caller may ask for.
    public static let maximumLimit = 200
    /// The page size when none is given.
    public static let defaultLimit = 50

    public var limit: Int
    /// The opaque ``Page/nextCursor`` of the previous page, or `nil` for the first page.
    public var cursor: String?

    /// A page request; throws `invalid` (field `limit`) outside 1…200.
    public init(limit: Int = PageRequest.defaultLimit, cursor: String? = nil) throws {
        guard (1...PageRequest.maximumLimit).contains(limit) else {
            throw PortalError.invalid("limit must be between 1 and \(PageRequest.maximumLimit).", field: "limit")
        }
        self.limit = limit
        self.cursor = cursor.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The first page of the default size.
    public static let first = try! PageRequest()  // constant arguments within range
}

/// One page of a list, in the requested order, and the cursor of the next page if there is one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass to ``PageRequest/cursor`` for the next page; `nil` on the last page.
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// The same page with its items transformed.
    public func map<Other: Sendable>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), nextCursor: nextCursor)
    }
}

extension Page: Encodable where Item: Encodable {
    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    /// `{"items":[…],"next_cursor":"…"}`, with `"next_cursor":null` on the last page, so clients
    /// can rely on the key being there.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
extension Page: Equatable where Item: Equatable {}

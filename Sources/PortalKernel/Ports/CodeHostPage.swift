/// An opaque position in a paged list, produced by a code host plugin and handed back to it.
///
/// GitHub plugins keep the `next` URL of the `Link` header; GitLab plugins the `x-next-page`
/// number or keyset link. The kernel stores and returns cursors without reading them.
public struct CodeHostCursor: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// Which page of a list to fetch.
public struct CodeHostPageRequest: Sendable, Hashable, Codable {
    /// The largest page size hosts allow (GitHub and GitLab: 100).
    public static let maximumSize = 100

    /// Where to continue; `nil` for the first page.
    public var cursor: CodeHostCursor?
    /// Items per page, 1–100.
    public var size: Int

    public init(cursor: CodeHostCursor? = nil, size: Int = CodeHostPageRequest.maximumSize) {
        self.cursor = cursor
        self.size = min(max(size, 1), CodeHostPageRequest.maximumSize)
    }

    /// The first page at the largest size.
    public static let first = CodeHostPageRequest()
}

/// One page of a list, with the cursor for the next.
public struct CodeHostPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Where the next page starts; `nil` on the last page.
    public var next: CodeHostCursor?
    /// The total number of items, when the host reports it (GitLab `x-total`).
    public var totalCount: Int?

    public init(items: [Item], next: CodeHostCursor? = nil, totalCount: Int? = nil) {
        self.items = items
        self.next = next
        self.totalCount = totalCount
    }

    /// Whether more pages follow.
    public var hasMore: Bool { next != nil }
}

extension CodeHostPage: Equatable where Item: Equatable {}
extension CodeHostPage: Hashable where Item: Hashable {}
extension CodeHostPage: Codable where Item: Codable {}

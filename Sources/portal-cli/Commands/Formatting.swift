import PortalKernel

extension Instant {
    /// The instant to the second, for tables (`2026-11-21 07:54:27Z`).
    var shortText: String {
        let text = iso8601
        return text.prefix(10) + " " + text.dropFirst(11).prefix(8) + "Z"
    }
}

extension Optional where Wrapped == String {
    /// The text, or `-` in tables.
    var cell: String { self ?? "-" }
}

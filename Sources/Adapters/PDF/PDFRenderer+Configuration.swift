extension PDFRenderer {
    /// How a ``PDFRenderer`` draws. Every setting has a default.
    ///
    /// ```swift
    /// let renderer = PDFRenderer(configuration: .init(fontFamily: "Noto Sans", threads: 2), logger: logger)
    /// ```
    public struct Configuration: Sendable, Hashable {
        /// The font family for body text, headings and tables. Glyphs it lacks (CJK, Arabic)
        /// come from fallback fonts chosen by fontconfig.
        public var fontFamily: String
        /// The font family for ``DocumentTextStyle/monospace`` runs.
        public var monospaceFontFamily: String
        /// Threads rendering documents; also the most renders in flight at once (others queue).
        public var threads: Int
        /// The PDF Creator entry.
        public var creator: String

        /// Creates a configuration; every parameter has the documented default.
        public init(
            fontFamily: String = "DejaVu Sans",
            monospaceFontFamily: String = "DejaVu Sans Mono",
            threads: Int = 1,
            creator: String = "Portal"
        ) {
            self.fontFamily = fontFamily
            self.monospaceFontFamily = monospaceFontFamily
            self.threads = threads
            self.creator = creator
        }
    }
}

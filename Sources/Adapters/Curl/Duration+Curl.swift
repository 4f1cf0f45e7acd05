extension Duration {
    /// Whole milliseconds for libcurl's `*_MS` options, rounded up and at least 1
    /// (libcurl reads 0 as "no limit", which a caller's tiny timeout must never become).
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 1 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        guard !overflow, whole < Int64(Int32.max) else { return Int(Int32.max) }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(whole + fraction))
    }
}

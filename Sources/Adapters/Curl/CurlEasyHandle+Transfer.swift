import CCurl

extension CurlEasyHandle {
    /// Prepares the handle for one transfer — no signals (threads), an error buffer for
    /// libcurl's detail text — runs `body` with that buffer, and detaches the buffer afterwards
    /// so the handle never points at freed memory.
    func withTransferSetup<Result>(_ body: (UnsafeMutablePointer<CChar>) throws -> Result) throws -> Result {
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        defer { try? set(CURLOPT_ERRORBUFFER, pointer: nil) }
        try set(CURLOPT_NOSIGNAL, true)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        return try body(errorBuffer)
    }
}

import CCurl
import PortalKernel

/// One libcurl easy handle and the typed option setters the adapters use.
///
/// A handle keeps its connection cache across transfers, so reusing it (after ``reset()``) keeps
/// connections to the same server alive. It must never be used by two threads at once.
final class CurlEasyHandle: @unchecked Sendable {  // exclusive use is guaranteed by CurlHandlePool's checkout
    /// The `CURL *` this object owns.
    let raw: UnsafeMutableRawPointer
    /// What the last session on this handle was opened for (the SMTP transport keeps its URL here,
    /// because libcurl reuses a connection without comparing the EHLO name in the URL's path).
    var lastSessionKey: String?

    /// Creates a handle, initialising libcurl first if this is the first one in the process.
    init() throws {
        try CurlGlobal.ensureInitialised()
        guard let raw = curl_easy_init() else {
            throw TransportError(.other, "libcurl could not create an easy handle")
        }
        self.raw = raw
    }

    deinit {
        curl_easy_cleanup(raw)
    }

    /// Clears every option (callbacks, buffers, lists) but keeps the connection and DNS caches.
    func reset() {
        curl_easy_reset(raw)
    }

    func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, _ value: Bool) throws {
        try check(ccurl_setopt_long(raw, option, value ? 1 : 0), option)
    }

    /// Sets a string option; libcurl copies the string.
    func set(_ option: CURLoption, _ value: String) throws {
        try check(ccurl_setopt_string(raw, option, value), option)
    }

    /// Sets a `curl_off_t` option (the `_LARGE` variants).
    func set(_ option: CURLoption, large value: Int64) throws {
        try check(ccurl_setopt_off(raw, option, curl_off_t(value)), option)
    }

    /// Sets a pointer option; libcurl does not copy what it points to, so the caller keeps it
    /// alive until the transfer has finished.
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws {
        try check(ccurl_setopt_pointer(raw, option, pointer), option)
    }

    /// Sets a list option; `list` must outlive the transfer.
    func set(_ option: CURLoption, list: CurlStringList) throws {
        try check(ccurl_setopt_slist(raw, option, list.head), option)
    }

    func setWriteFunction(_ callback: curl_write_callback) throws {
        try check(ccurl_setopt_write_function(raw, callback), CURLOPT_WRITEFUNCTION)
    }

    func setHeaderFunction(_ callback: curl_write_callback) throws {
        try check(ccurl_setopt_header_function(raw, callback), CURLOPT_HEADERFUNCTION)
    }

    func setReadFunction(_ callback: curl_read_callback) throws {
        try check(ccurl_setopt_read_function(raw, callback), CURLOPT_READFUNCTION)
    }

    func setProgressFunction(_ callback: curl_xferinfo_callback) throws {
        try check(ccurl_setopt_xferinfo_function(raw, callback), CURLOPT_XFERINFOFUNCTION)
    }

    /// Runs the transfer on the calling thread (blocking).
    func perform() -> CURLcode {
        curl_easy_perform(raw)
    }

    /// The last HTTP status or SMTP reply code received; 0 when none arrived.
    var responseCode: Int {
        var code = 0
        guard ccurl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK else { return 0 }
        return code
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws {
        guard code != CURLE_OK else { return }
        throw TransportError(
            .other, "libcurl refused option \(option.rawValue): \(CurlFailure.describe(code))"
        )
    }
}

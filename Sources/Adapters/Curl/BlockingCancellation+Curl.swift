import CCurl
import PortalBlocking

/// Carries a Swift task's cancellation into a running libcurl transfer: the progress callback
/// polls the flag and aborts (`CURLE_ABORTED_BY_CALLBACK`) once the awaiting task is cancelled,
/// which frees the pool thread promptly.
extension BlockingCancellation {
    /// Installs the progress callback on `handle`; `self` must outlive the transfer.
    func install(on handle: CurlEasyHandle) throws {
        try handle.set(CURLOPT_NOPROGRESS, false)
        try handle.setProgressFunction(curlProgressCallback)
        try handle.set(CURLOPT_XFERINFODATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }
}

private let curlProgressCallback: curl_xferinfo_callback = { userdata, _, _, _, _ in
    guard let userdata else { return 1 }
    return Unmanaged<BlockingCancellation>.fromOpaque(userdata).takeUnretainedValue().isCancelled ? 1 : 0
}

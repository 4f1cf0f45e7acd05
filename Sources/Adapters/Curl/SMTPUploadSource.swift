import CCurl

/// Feeds a message's bytes to libcurl's read callback during `DATA`.
///
/// libcurl dot-stuffs lines starting with `.` and appends the final `CRLF.CRLF` itself, so the
/// bytes go out exactly as given. Lives on the pool thread running the transfer.
final class SMTPUploadSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Installs the read callback on `handle`; `self` must outlive the transfer.
    func install(on handle: CurlEasyHandle) throws {
        try handle.set(CURLOPT_UPLOAD, true)
        try handle.set(CURLOPT_INFILESIZE_LARGE, large: Int64(bytes.count))
        try handle.setReadFunction(Self.readCallback)
        try handle.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    /// Copies up to `capacity` unsent bytes into `buffer`; 0 means the message is complete.
    func fill(_ buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    private static let readCallback: curl_read_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return Int(CURL_READFUNC_ABORT) }
        let source = Unmanaged<SMTPUploadSource>.fromOpaque(userdata).takeUnretainedValue()
        return source.fill(UnsafeMutableRawPointer(buffer), capacity: size * count)
    }
}
